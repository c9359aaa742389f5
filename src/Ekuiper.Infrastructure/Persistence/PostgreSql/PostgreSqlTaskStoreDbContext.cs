using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Infrastructure.Persistence.PostgreSql;

/// <summary>The task records over PostgreSQL (its own migrations, PostgreSql/TaskMigrations, and history table).</summary>
public sealed class PostgreSqlTaskStoreDbContext(DbContextOptions<PostgreSqlTaskStoreDbContext> options) : TaskStoreDbContext(options)
{
    /// <summary>Both contexts migrate one database: each keeps its own history of applied migrations.</summary>
    public const string MigrationsHistoryTable = "__EFTaskMigrationsHistory";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        PostgreSqlModel.UseByteOrderCollation(modelBuilder);
    }
}
