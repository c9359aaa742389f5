using Ekuiper.Infrastructure.Persistence;
using Ekuiper.Infrastructure.Persistence.PostgreSql;
using Ekuiper.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>A store an older version left (before the rules' listed name and tags had columns), served by this one.</summary>
public sealed class UpgradedStoreTests
{
    private string _dataDirectory = null!;

    [SetUp]
    public void CreateDirectory() => _dataDirectory = EkuiperApiFactory.NewDataDirectory();

    [TearDown]
    public void DeleteDirectory() => EkuiperApiFactory.DeleteDirectory(_dataDirectory);

    [Test]
    public async Task Rules_stored_before_list_their_names_and_tags_as_before_and_a_re_import_of_them_changes_nothing()
    {
        await StoreAsOlderVersionAsync(
            ("a", """{"id":"a","name":"Hot","tags":["x","é"],"sql":"SELECT * FROM demo","actions":[{"log":{}}]}""", true),
            ("b", """{"id":"b","name":"","triggered":false,"sql":"SELECT * FROM demo","actions":[{"log":{}}]}""", false),
            ("c", """{ "id" : "c" , "tags" : [ ] , "sql" : "SELECT * FROM demo" , "actions" : [ { "log" : { } } ] }""", true));

        using var factory = new EkuiperApiFactory(_dataDirectory);
        using var client = factory.CreateClient();
        var (status, listed) = await client.GetAsync("/rules").ReadTextAsync();
        var (exported, etag) = await client.ExportWithETagAsync();
        using var exportedDocument = System.Text.Json.JsonDocument.Parse(exported);
        using var reimport = await client.ImportAsync($$"""{"rules":{{exportedDocument.RootElement.GetProperty("rules").GetRawText()}}}""", "?partial=1");

        Assert.That(status, Is.EqualTo(200));
        Assert.That(listed, Is.EqualTo(
            """[{"id":"a","name":"Hot","status":"running","tags":["x","é"],"trace":false,"version":""},""" +
            """{"id":"b","name":"b","status":"stopped","tags":null,"trace":false,"version":""},""" +
            """{"id":"c","name":"c","status":"running","tags":[],"trace":false,"version":""}]"""));
        Assert.That((int)reimport.StatusCode, Is.EqualTo(200), await reimport.Content.ReadAsStringAsync());
        Assert.That(await client.ETagAsync(), Is.EqualTo(etag), "every re-imported rule equals its upgraded row");
        Assert.That((await client.GetAsync("/rules").ReadTextAsync()).Text, Is.EqualTo(listed));
    }

    /// <summary>
    /// The store of this data directory with every migration before RuleListingColumns, holding a stream demo and
    /// <paramref name="rules"/> as that version wrote them (no name or tags columns).
    /// </summary>
    private async Task StoreAsOlderVersionAsync(params (string Id, string Json, bool Triggered)[] rules)
    {
        await using EkuiperDbContext db = TestStore.IsPostgreSql
            ? new PostgreSqlEkuiperDbContext(new DbContextOptionsBuilder<PostgreSqlEkuiperDbContext>()
                .UseNpgsql(TestStore.ConnectionStringFor(_dataDirectory)).Options)
            : new EkuiperDbContext(new DbContextOptionsBuilder<EkuiperDbContext>()
                .UseSqlite($"Data Source={Path.Combine(_dataDirectory, "ekuiper.db")}").Options);
        var migrations = db.Database.GetMigrations().ToList();
        var listing = migrations.FindIndex(m => m.EndsWith("_RuleListingColumns", StringComparison.Ordinal));
        Assert.That(listing, Is.GreaterThan(0));
        await db.GetService<IMigrator>().MigrateAsync(migrations[listing - 1]);
        const string stream = "CREATE STREAM demo () WITH (DATASOURCE=\"demo\")";
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "Streams" ("Name", "Kind", "Statement", "SourceType", "ConfKey") VALUES ('demo', 'Stream', {stream}, 'mqtt', '')""");
        foreach (var (id, json, triggered) in rules)
        {
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "Rules" ("Id", "Json", "Triggered") VALUES ({id}, {json}, {triggered})""");
        }
    }
}
