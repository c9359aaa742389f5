using Ekuiper.Domain.Definitions;
using Ekuiper.Infrastructure.Persistence;
using Ekuiper.Infrastructure.Persistence.PostgreSql;
using Ekuiper.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ekuiper.Infrastructure.Tests.Persistence;

/// <summary>
/// The RuleListingColumns migration of each provider fills the listed name and tags of the rules an older version
/// stored, exactly as a write sets them now (RuleListing): an upgraded store lists them as before, and a re-import of
/// the same rules changes no row.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSql")]
public sealed class RuleListingMigrationTests(string provider)
{
    private string _directory = null!;

    // id, the JSON an older version stored, the name and tags GET /rules listed for it (name null: the id is listed).
    private static readonly (string Id, string Json, string? Name, string[]? Tags)[] Stored =
    [
        ("a", """{"id":"a","name":"Hot","tags":["x","y"]}""", "Hot", ["x", "y"]),
        ("b", """{"id":"b","name":""}""", null, null),
        ("c", """{"id":"c"}""", null, null),
        ("d", """{"id":"d","name":5,"tags":"x"}""", null, null),
        ("e", """{"id":"e","name":"first","name":"Température 😀","tags":["q\"uote","back\\slash","t\tab\n","\u0001",2,"\u00e9😀","/<>&"]}""",
            "Température 😀", ["q\"uote", "back\\slash", "t\tab\n", "\u0001", "é😀", "/<>&"]),
        ("f", """{"id":"f","tags":[]}""", null, []),
        ("g", """["not", "an", "object"]""", null, null),
        ("h", """{"id":"h","tags":["x"],"tags":[1,"z"]}""", null, ["z"]),
        ("i", """{ "id" : "i" , "name" : "Spaced" , "tags" : [ "a" , "b" ] , "sql" : "SELECT * FROM s" }""", "Spaced", ["a", "b"]),
    ];

    [SetUp]
    public void CreateDirectory()
    {
        if (provider == "PostgreSql")
        {
            PostgresCluster.RequireInstalled();
        }
        _directory = Directory.CreateTempSubdirectory("ekuiper-listing-").FullName;
    }

    [TearDown]
    public void DeleteDirectory()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task Rules_stored_before_the_columns_list_as_before_and_a_re_import_changes_no_row()
    {
        await using var db = await StoreBeforeListingColumnsAsync();
        foreach (var (id, json, _, _) in Stored)
        {
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "Rules" ("Id", "Json", "Triggered") VALUES ({id}, {json}, {true})""");
        }

        await db.Database.MigrateAsync();

        var listed = await db.Rules.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Id, r.Json, r.Name, r.TagsJson }).ToListAsync();
        Assert.That(listed.Select(r => r.Id), Is.EqualTo(Stored.Select(s => s.Id)));
        foreach (var (rule, expected) in listed.Zip(Stored))
        {
            Assert.That(rule.Name, Is.EqualTo(expected.Name), rule.Id);
            Assert.That(RuleListing.Tags(rule.TagsJson), Is.EqualTo(expected.Tags), rule.Id);
            // The very text a write sets, so the upsert below finds every row equal.
            Assert.That((rule.Name, rule.TagsJson), Is.EqualTo(RuleListing.Of(rule.Json)), rule.Id);
        }

        await using var transaction = await db.BeginWriteAsync(CancellationToken.None);
        var changed = await db.UpsertRangeAsync(
            Stored.Select(s => new RuleDefinition { Id = s.Id, Json = s.Json, Triggered = true }).ToList(), CancellationToken.None);
        await transaction.CommitAsync();
        Assert.That(changed, Is.Zero, "a re-import of the stored rules");
    }

    [Test]
    public async Task The_migration_fills_nothing_in_an_empty_store() // and needs no rule to run
    {
        await using var db = await StoreBeforeListingColumnsAsync();
        await db.Database.MigrateAsync();
        Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty);
        Assert.That(await db.Rules.CountAsync(), Is.Zero);
    }

    /// <summary>A store with every migration before RuleListingColumns: what the version before it left.</summary>
    private async Task<EkuiperDbContext> StoreBeforeListingColumnsAsync()
    {
        EkuiperDbContext db = provider == "PostgreSql"
            ? new PostgreSqlEkuiperDbContext(new DbContextOptionsBuilder<PostgreSqlEkuiperDbContext>()
                .UseNpgsql(await (await PostgresCluster.SharedAsync()).CreateDatabaseAsync()).Options)
            : new EkuiperDbContext(new DbContextOptionsBuilder<EkuiperDbContext>()
                .UseSqlite($"Data Source={Path.Combine(_directory, "store.db")}").Options);
        var migrations = db.Database.GetMigrations().ToList();
        var listing = migrations.FindIndex(m => m.EndsWith("_RuleListingColumns", StringComparison.Ordinal));
        Assert.That(listing, Is.GreaterThan(0));
        await db.GetService<IMigrator>().MigrateAsync(migrations[listing - 1]);
        return db;
    }
}
