using System.Reflection;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
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
    public DbSet<AsyncTaskRecord> AsyncTasks => Set<AsyncTaskRecord>();
    public DbSet<StoreState> StoreStates => Set<StoreState>();
    public DbSet<BackupRecord> Backups => Set<BackupRecord>();

    public Task<IDbContextTransaction> BeginTransactionAsync(CancellationToken cancellationToken) =>
        Database.BeginTransactionAsync(cancellationToken);

    public void ClearTracked() => ChangeTracker.Clear();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(Assembly.GetExecutingAssembly());
}
