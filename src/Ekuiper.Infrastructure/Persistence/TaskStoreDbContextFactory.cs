using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Ekuiper.Infrastructure.Persistence;

/// <summary>Lets `dotnet ef migrations add --context TaskStoreDbContext` build the context without the web host.</summary>
public sealed class TaskStoreDbContextFactory : IDesignTimeDbContextFactory<TaskStoreDbContext>
{
    public TaskStoreDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TaskStoreDbContext>().UseSqlite("Data Source=design-time-tasks.db").Options);
}
