using Ekuiper.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Tests;

/// <summary>The real EF Core model over an in-memory SQLite database that lives as long as this object.</summary>
public sealed class InMemoryStore : IDisposable
{
    public InMemoryStore()
    {
        Connection.Open();
        using var db = NewContext();
        db.Database.Migrate();
    }

    /// <summary>The open connection that keeps the database; contexts over it see the same data.</summary>
    public SqliteConnection Connection { get; } = new("Data Source=:memory:");

    public EkuiperDbContext NewContext() =>
        new(new DbContextOptionsBuilder<EkuiperDbContext>().UseSqlite(Connection).Options);

    public void Dispose() => Connection.Dispose();
}
