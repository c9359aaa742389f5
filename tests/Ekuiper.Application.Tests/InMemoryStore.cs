using Ekuiper.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Tests;

/// <summary>The real EF Core model over an in-memory SQLite database that lives as long as this object.</summary>
public sealed class InMemoryStore : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public InMemoryStore()
    {
        _connection.Open();
        using var db = NewContext();
        db.Database.Migrate();
    }

    public EkuiperDbContext NewContext() =>
        new(new DbContextOptionsBuilder<EkuiperDbContext>().UseSqlite(_connection).Options);

    public void Dispose() => _connection.Dispose();
}
