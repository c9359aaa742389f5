using System.Text;
using System.Text.Json;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>
/// What must not depend on the store's provider: entries come back in byte order of their keys (PostgreSQL's default
/// collation here is ICU en-US, which would sort "a" before "B"), and U+0000 is refused by name, changing nothing.
/// </summary>
public sealed class StoreBehaviourTests : ServerTest
{
    private static readonly string[] Names = ["b", "B", "a", "A", "_x", "Z-1", "a_b", "a-b", "a-B", "10", "9", "e", "E_", "aa", "aB", "ab", "-z"];

    [Test]
    public async Task Exports_order_keys_byte_by_byte_whatever_the_database_collation()
    {
        var streams = Names.Select(n => ("streams", n, $"CREATE STREAM `{n}` () WITH (DATASOURCE=\"d\")"));
        var rules = Names.Select(n => ("rules", "r" + n, JsonSerializer.Serialize(new
        {
            id = "r" + n,
            sql = $"SELECT * FROM `{n}`",
            actions = new[] { new { log = new { } } },
        })));
        var document = EkuiperClient.Document([.. streams, .. rules]);
        var (status, body) = await Client.ImportAsync(document).ReadTextAsync();
        Assert.That(status, Is.EqualTo(200), body);

        var exported = await Client.ExportSectionsAsync();

        var byteOrder = Names.Order(StringComparer.Ordinal).ToList();
        Assert.That(exported["streams"].Keys, Is.EqualTo(byteOrder));
        Assert.That(exported["rules"].Keys, Is.EqualTo(byteOrder.Select(n => "r" + n)));
        var (again, _) = await Client.ImportAsync(Encoding.UTF8.GetString((await Client.ExportWithETagAsync()).Content)).ReadTextAsync();
        Assert.That(again, Is.EqualTo(200));
    }

    [Test]
    public async Task The_suites_store_and_an_embedded_SQLite_store_export_the_same_bytes_for_the_same_imports()
    {
        using var sqlite = new EkuiperApiFactory(settings: new Dictionary<string, string?> { ["Ekuiper:Store:Provider"] = "Sqlite" });
        using var sqliteClient = sqlite.CreateClient();
        var names = EkuiperClient.Document([.. Names.Select(n => ("streams", n, $"CREATE STREAM `{n}` () WITH (DATASOURCE=\"d\")"))]);
        var partial = EkuiperClient.Document(
            ("rules", "Zr", "{\"id\":\"Zr\",\"sql\":\"SELECT * FROM `B`\",\"actions\":[{\"log\":{}}]}"),
            ("rules", "ar", "{\"id\":\"ar\",\"sql\":\"SELECT * FROM `a`\",\"actions\":[{\"log\":{}}]}"),
            ("sourceConfig", "mqtt", "{\"B\":{\"qos\":1},\"a\":{\"qos\":0}}"));

        var answers = new List<int>();
        foreach (var client in new[] { Client, sqliteClient })
        {
            answers.Add((await client.ImportAsync(EkuiperClient.SeedExampleWithoutPlugins).ReadTextAsync()).Item1);
            answers.Add((await client.ImportAsync(names, "?partial=1").ReadTextAsync()).Item1);
            answers.Add((await client.ImportAsync(partial, "?partial=1").ReadTextAsync()).Item1);
        }
        var ours = await Client.ExportWithETagAsync();
        var embedded = await sqliteClient.ExportWithETagAsync();

        Assert.That(answers, Is.All.EqualTo(200));
        Assert.That(Encoding.UTF8.GetString(ours.Content), Is.EqualTo(Encoding.UTF8.GetString(embedded.Content)));
        Assert.That(ours.ETag, Is.EqualTo(embedded.ETag));
    }

    [Test]
    public async Task An_entry_holding_U0000_is_refused_by_name_and_the_store_keeps_the_rest()
    {
        var document = EkuiperClient.Document(
            ("streams", "good", "CREATE STREAM good () WITH (DATASOURCE=\"g\")"),
            ("streams", "bad", "CREATE STREAM bad () WITH (DATASOURCE=\"a\u0000b\")"),
            ("streams", "escaped", "CREATE STREAM escaped () WITH (DATASOURCE=\"t\", CONF_KEY=\"a\\x00\")"),
            ("rules", "r\u0000", "{\"id\":\"r\\u0000\",\"sql\":\"SELECT * FROM good\",\"actions\":[{\"log\":{}}]}"),
            ("rules", "r2", "{\"id\":\"r2\",\"sql\":\"SELECT * FROM good WHERE x = \\\"\\u0000\\\"\",\"actions\":[{\"log\":{}}]}"));
        var before = await Client.ETagAsync();

        var (full, fullBody) = await Client.ImportAsync(document).ReadAsync();
        var exported = await Client.ExportSectionsAsync();

        Assert.That(full, Is.EqualTo(400));
        var report = JsonDocument.Parse(fullBody.GetProperty("message").GetString()!).RootElement;
        Assert.That(report.GetProperty("streams").GetProperty("bad").GetString(), Does.Contain("U+0000"));
        Assert.That(report.GetProperty("streams").GetProperty("escaped").GetString(), Does.Contain("U+0000"));
        Assert.That(report.GetProperty("rules").GetProperty("r\u0000").GetString(), Does.Contain("U+0000"));
        Assert.That(report.GetProperty("rules").GetProperty("r2").GetString(), Does.Contain("U+0000"));
        Assert.That(exported["streams"].Keys, Is.EqualTo(new[] { "good" }));
        Assert.That(exported.GetValueOrDefault("rules")?.Count ?? 0, Is.Zero);
        Assert.That(await Client.ETagAsync(), Is.Not.EqualTo(before));
    }

    [Test]
    public async Task Ids_holding_U0000_in_a_body_are_refused_with_a_4xx_on_every_store()
    {
        var (status, body) = await Client.PostAsync("/data/export",
            new StringContent("[\"r\\u0000\"]", Encoding.UTF8, "application/json")).ReadAsync();

        Assert.That(status, Is.InRange(400, 499), body.ToString());
    }

    [Test]
    public async Task A_rest_write_holding_U0000_is_a_400_and_changes_nothing()
    {
        var before = await Client.ExportWithETagAsync();

        var (stream, streamText) = await Client.SendTextAsync(HttpMethod.Post, "/streams",
            JsonSerializer.Serialize(new { sql = "CREATE STREAM s () WITH (DATASOURCE=\"a\u0000\")" })).ReadTextAsync();
        var (key, keyText) = await Client.SendTextAsync(HttpMethod.Put, "/metadata/sources/mqtt/confKeys/k",
            "{\"server\":\"tcp://a\\u0000\"}").ReadTextAsync();

        Assert.That(stream, Is.EqualTo(400), streamText);
        Assert.That(streamText, Does.Contain("U+0000"));
        Assert.That(key, Is.EqualTo(400), keyText);
        Assert.That(keyText, Does.Contain("U+0000"));
        var after = await Client.ExportWithETagAsync();
        Assert.That(after.ETag, Is.EqualTo(before.ETag));
        Assert.That(after.Content, Is.EqualTo(before.Content));
    }
}
