using System.Reflection;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ekuiper.Infrastructure.Persistence;

public sealed class EkuiperDbContext(DbContextOptions<EkuiperDbContext> options) : DbContext(options), IEkuiperDbContext
{
    public DbSet<StreamDefinition> Streams => Set<StreamDefinition>();
    public DbSet<RuleDefinition> Rules => Set<RuleDefinition>();
    public DbSet<ConfigKey> ConfigKeys => Set<ConfigKey>();
    public DbSet<ArtifactDefinition> Artifacts => Set<ArtifactDefinition>();
    public DbSet<ImportStatusRecord> ImportStatuses => Set<ImportStatusRecord>();
    public DbSet<StoreState> StoreStates => Set<StoreState>();
    public DbSet<BackupRecord> Backups => Set<BackupRecord>();

    public Task<IDbContextTransaction> BeginTransactionAsync(CancellationToken cancellationToken) =>
        Database.BeginTransactionAsync(cancellationToken);

    public async Task<IAsyncDisposable> BeginReadSnapshotAsync(CancellationToken cancellationToken)
    {
        await Database.OpenConnectionAsync(cancellationToken);
        // Deferred: BEGIN without IMMEDIATE takes no lock until the first read, which then pins WAL's snapshot.
        var transaction = ((SqliteConnection)Database.GetDbConnection()).BeginTransaction(deferred: true);
        await Database.UseTransactionAsync(transaction, cancellationToken);
        return new ReadSnapshot(this, transaction);
    }

    public void ClearTracked() => ChangeTracker.Clear();

    public Task UpsertRangeAsync<TEntity>(IReadOnlyCollection<TEntity> rows, CancellationToken cancellationToken)
        where TEntity : class =>
        SqliteBulkUpsert.RunAsync(this, rows, cancellationToken);

    private sealed class ReadSnapshot(EkuiperDbContext db, SqliteTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await db.Database.UseTransactionAsync(null);
            await transaction.DisposeAsync(); // rolls back: nothing was written
            await db.Database.CloseConnectionAsync();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        // Task records live in their own file (TaskStoreDbContext), so that registering a task never waits for the
        // write lock a running import holds on this one.
        modelBuilder.ApplyConfigurationsFromAssembly(Assembly.GetExecutingAssembly(),
            type => type != typeof(Configurations.AsyncTaskRecordConfiguration));
}
