using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Infrastructure.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Infrastructure.Persistence;

/// <summary>
/// The task records, in their own SQLite file (tasks.db), so that they never wait for an import's write lock; over
/// PostgreSQL, <see cref="PostgreSql.PostgreSqlTaskStoreDbContext"/> keeps them in tables of their own beside the store's.
/// </summary>
public class TaskStoreDbContext : DbContext, ITaskStore
{
    public TaskStoreDbContext(DbContextOptions<TaskStoreDbContext> options) : base(options)
    {
    }

    /// <summary>For the provider's own context type (its migrations are found by that type).</summary>
    protected TaskStoreDbContext(DbContextOptions options) : base(options)
    {
    }

    public DbSet<AsyncTaskRecord> AsyncTasks => Set<AsyncTaskRecord>();

    public DbContext Context => this;

    public void ClearTracked() => ChangeTracker.Clear();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfiguration(new AsyncTaskRecordConfiguration());
}
