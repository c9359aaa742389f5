using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Store;
using Ekuiper.Domain.Definitions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ekuiper.Infrastructure.Persistence;

/// <summary>
/// The store of definitions over SQLite (ekuiper.db, migrations in Migrations/). <see cref="PostgreSql.PostgreSqlEkuiperDbContext"/>
/// is the same model over PostgreSQL, with its own migrations and its own write lock, read snapshot and bulk upsert.
/// </summary>
public class EkuiperDbContext : DbContext, IEkuiperDbContext
{
    public EkuiperDbContext(DbContextOptions<EkuiperDbContext> options) : base(options)
    {
    }

    /// <summary>For the provider's own context type (its migrations are found by that type).</summary>
    protected EkuiperDbContext(DbContextOptions options) : base(options)
    {
    }

    public DbSet<StreamDefinition> Streams => Set<StreamDefinition>();
    public DbSet<RuleDefinition> Rules => Set<RuleDefinition>();
    public DbSet<ConfigKey> ConfigKeys => Set<ConfigKey>();
    public DbSet<ArtifactDefinition> Artifacts => Set<ArtifactDefinition>();
    public DbSet<ImportStatusRecord> ImportStatuses => Set<ImportStatusRecord>();
    public DbSet<StoreState> StoreStates => Set<StoreState>();
    public DbSet<BackupRecord> Backups => Set<BackupRecord>();
    public DbSet<ArtifactBlob> ArtifactBlobs => Set<ArtifactBlob>();
    public DbSet<UploadedFile> UploadedFiles => Set<UploadedFile>();

    public DbContext Context => this;

    /// <summary>SQLite: Microsoft.Data.Sqlite begins with <c>BEGIN IMMEDIATE</c>, which takes the file's write lock at once.</summary>
    public virtual Task<IDbContextTransaction> BeginWriteAsync(CancellationToken cancellationToken) =>
        Database.BeginTransactionAsync(cancellationToken);

    public virtual async Task<IAsyncDisposable> BeginReadSnapshotAsync(CancellationToken cancellationToken)
    {
        await Database.OpenConnectionAsync(cancellationToken);
        // Deferred: BEGIN without IMMEDIATE takes no lock until the first read, which then pins WAL's snapshot.
        var transaction = ((SqliteConnection)Database.GetDbConnection()).BeginTransaction(deferred: true);
        await Database.UseTransactionAsync(transaction, cancellationToken);
        return new ReadSnapshot(this, transaction);
    }

    public void ClearTracked() => ChangeTracker.Clear();

    /// <summary>SQLite: task rows live in tasks.db, which this transaction cannot reach; the job records the outcome.</summary>
    public virtual Task<bool?> RecordTaskOutcomeAsync(string taskId, string owner, TaskOutcome outcome, CancellationToken cancellationToken) =>
        Task.FromResult<bool?>(null);

    public virtual Task<int> UpsertRangeAsync<TEntity>(IReadOnlyCollection<TEntity> rows, CancellationToken cancellationToken)
        where TEntity : class =>
        SqliteBulkUpsert.RunAsync(this, rows, cancellationToken);

    /// <summary>Ends a read snapshot: gives the transaction up (nothing was written) and the connection back.</summary>
    protected sealed class ReadSnapshot(DbContext db, IAsyncDisposable transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await db.Database.UseTransactionAsync(null);
            await transaction.DisposeAsync(); // rolls back: nothing was written
            await db.Database.CloseConnectionAsync();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        // Task records live in their own store (TaskStoreDbContext), so that registering a task never waits for the
        // write lock a running import holds on this one.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EkuiperDbContext).Assembly,
            type => type != typeof(Configurations.AsyncTaskRecordConfiguration));
}
