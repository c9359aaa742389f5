using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Ekuiper.Infrastructure.Persistence.PostgreSql;

/// <summary>
/// Lets `dotnet ef migrations add --context PostgreSqlEkuiperDbContext` build the context without a server: adding a
/// migration needs only the model, never a connection.
/// </summary>
public sealed class PostgreSqlEkuiperDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlEkuiperDbContext>
{
    public PostgreSqlEkuiperDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlEkuiperDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}

/// <summary>The same for `--context PostgreSqlTaskStoreDbContext`.</summary>
public sealed class PostgreSqlTaskStoreDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlTaskStoreDbContext>
{
    public PostgreSqlTaskStoreDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlTaskStoreDbContext>()
            .UseNpgsql("Host=localhost;Database=design_time", o => o.MigrationsHistoryTable(PostgreSqlTaskStoreDbContext.MigrationsHistoryTable))
            .Options);
}
