using Ekuiper.Domain.Definitions;
using Ekuiper.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ekuiper.Infrastructure.Tests.Persistence;

/// <summary>
/// A pooled SQLite context keeps its connection open from one request to the next (KeptOpenSqliteConnection), so a
/// request that ends inside a transaction must not hand it, or the read snapshot it pinned, to the next one.
/// </summary>
public sealed class PooledSqliteContextTests : DataDirectoryTest
{
    [Test]
    public async Task The_next_request_sees_the_store_as_committed_even_after_one_that_left_a_snapshot_open()
    {
        await using var services = Services();
        await using (var scope = services.CreateAsyncScope())
        {
            await StoreSetup.MigrateStoresAsync(scope.ServiceProvider, CancellationToken.None);
        }

        EkuiperDbContext first;
        await using (var scope = services.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<EkuiperDbContext>();
            // Pins WAL's snapshot at no rules, and is never ended: the request "failed" before disposing it.
            _ = await first.BeginReadSnapshotAsync(CancellationToken.None);
            Assert.That(await first.Rules.CountAsync(), Is.Zero);
        }

        await using (var writer = new SqliteConnection($"Data Source={Path.Combine(DataDirectory, "ekuiper.db")}"))
        {
            await writer.OpenAsync();
            await using var insert = writer.CreateCommand();
            insert.CommandText = "INSERT INTO Rules (Id, Json, Triggered) VALUES ('r1', '{\"id\":\"r1\"}', 1)";
            await insert.ExecuteNonQueryAsync();
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var next = scope.ServiceProvider.GetRequiredService<EkuiperDbContext>();
            Assert.That(next, Is.SameAs(first), "the pool hands the same context back");
            Assert.That(next.Database.CurrentTransaction, Is.Null);
            Assert.That(await next.Rules.Select(r => r.Id).ToListAsync(), Is.EqualTo(new[] { "r1" }));
            // And it can write: no transaction of the earlier request is still open on its connection.
            await using var transaction = await next.BeginWriteAsync(CancellationToken.None);
            next.Rules.Add(new RuleDefinition { Id = "r2", Json = "{\"id\":\"r2\"}" });
            await next.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync();
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var again = scope.ServiceProvider.GetRequiredService<EkuiperDbContext>();
            var connection = again.Database.GetDbConnection();
            Assert.That(await again.Rules.CountAsync(), Is.EqualTo(2));
            Assert.That(connection.State, Is.EqualTo(System.Data.ConnectionState.Open),
                "between requests the connection stays open (no open, no close, per query)");
        }
    }
}
