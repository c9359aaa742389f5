using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Infrastructure.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Infrastructure.Persistence;

/// <summary>The task records, in their own SQLite file (tasks.db), so that they never wait for an import's write lock.</summary>
public sealed class TaskStoreDbContext(DbContextOptions<TaskStoreDbContext> options) : DbContext(options), ITaskStore
{
    public DbSet<AsyncTaskRecord> AsyncTasks => Set<AsyncTaskRecord>();

    public void ClearTracked() => ChangeTracker.Clear();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfiguration(new AsyncTaskRecordConfiguration());
}
