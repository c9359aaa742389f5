using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Domain.Definitions;
using Ekuiper.Infrastructure.Persistence;
using Ekuiper.Infrastructure.Persistence.PostgreSql;
using Ekuiper.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Infrastructure.Tests.Persistence;

/// <summary>The bulk upserts of both providers, on a real SQLite file and a real PostgreSQL database: the same answers.</summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSql")]
public sealed class BulkUpsertTests(string provider)
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        if (provider == "PostgreSql")
        {
            PostgresCluster.RequireInstalled();
        }
        _directory = Path.Combine(Path.GetTempPath(), "ekuiper-upsert-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<EkuiperDbContext> StoreAsync()
    {
        EkuiperDbContext db = provider == "PostgreSql"
            ? new PostgreSqlEkuiperDbContext(new DbContextOptionsBuilder<PostgreSqlEkuiperDbContext>()
                .UseNpgsql(await (await PostgresCluster.SharedAsync()).CreateDatabaseAsync()).Options)
            : new EkuiperDbContext(new DbContextOptionsBuilder<EkuiperDbContext>()
                .UseSqlite($"Data Source={Path.Combine(_directory, "store.db")}").Options);
        await db.Database.MigrateAsync();
        return db;
    }

    private static RuleDefinition Rule(string id, string json, bool triggered = true) => new() { Id = id, Json = json, Triggered = triggered };

    private static async Task<int> UpsertAsync(EkuiperDbContext db, params RuleDefinition[] rows)
    {
        await using var transaction = await db.BeginWriteAsync(CancellationToken.None);
        var changed = await db.UpsertRangeAsync(rows, CancellationToken.None);
        await transaction.CommitAsync();
        return changed;
    }

    [Test]
    public async Task New_and_changed_rows_count_rows_equal_to_the_stored_ones_do_not()
    {
        await using var db = await StoreAsync();

        var inserted = await UpsertAsync(db, Rule("a", "1"), Rule("b", "1"));
        var again = await UpsertAsync(db, Rule("a", "1"), Rule("b", "1"));
        var oneChanged = await UpsertAsync(db, Rule("a", "1"), Rule("b", "2"));
        var flagChanged = await UpsertAsync(db, Rule("a", "1", triggered: false));

        Assert.That((inserted, again, oneChanged, flagChanged), Is.EqualTo((2, 0, 1, 1)));
        var stored = await db.Rules.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Id, r.Json, r.Triggered }).ToListAsync();
        Assert.That(stored.Select(r => $"{r.Id}={r.Json}/{r.Triggered}"), Is.EqualTo(new[] { "a=1/False", "b=2/True" }));
    }

    [Test]
    public async Task A_key_given_twice_in_one_batch_is_stored_as_its_last_row()
    {
        await using var db = await StoreAsync();

        await UpsertAsync(db, Rule("a", "first"), Rule("b", "only"), Rule("a", "last"));

        var stored = await db.Rules.AsNoTracking().OrderBy(r => r.Id).Select(r => r.Json).ToListAsync();
        Assert.That(stored, Is.EqualTo(new[] { "last", "only" }));
    }

    [Test]
    public async Task Text_holding_U0000_is_refused_and_nothing_of_the_batch_is_written()
    {
        await using var db = await StoreAsync();

        Assert.ThrowsAsync<InvalidRequestException>(() => UpsertAsync(db, Rule("a", "ok"), Rule("b", "a\0b")));

        Assert.That(await db.Rules.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Outside_a_write_transaction_nothing_is_written()
    {
        await using var db = await StoreAsync();

        Assert.ThrowsAsync<InvalidOperationException>(() => db.UpsertRangeAsync([Rule("a", "1")], CancellationToken.None));

        Assert.That(await db.Rules.CountAsync(), Is.Zero);
    }
}
