using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>GET /v2/data/export and POST /v2/data/import: eKuiper's YAML form of the same import and export.</summary>
public sealed class YamlImportExportTests : ServerTest
{
    private async Task<string> ExportYamlAsync(HttpClient? client = null)
    {
        using var response = await (client ?? Client).GetAsync("/v2/data/export");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        return await response.Content.ReadAsStringAsync();
    }

    private static Task<HttpResponseMessage> ImportYamlAsync(HttpClient client, string yaml, string query = "") =>
        client.PostAsJsonAsync("/v2/data/import" + query, new { content = yaml });

    [Test]
    public async Task Export_is_a_yaml_attachment_keyed_as_ekuiper_writes_it()
    {
        await Client.ImportContentAsync(EkuiperClient.SeedExampleWithoutPlugins);

        using var response = await Client.GetAsync("/v2/data/export");
        var yaml = await response.Content.ReadAsStringAsync();

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/octet-stream"));
        Assert.That(response.Content.Headers.ContentDisposition!.DispositionType, Is.EqualTo("attachment"));
        Assert.That(response.Content.Headers.ContentDisposition.FileName, Is.EqualTo("ekuiper_export.yaml"));
        Assert.That(response.Headers.ETag, Is.Not.Null);
        Assert.That(yaml, Does.StartWith("sourceConfig:\n    sources.mqtt.td:\n        insecureSkipVerify: false\n"));
        Assert.That(yaml, Does.Contain("\n        protocolVersion: 3.1.1\n        qos: 1\n"));
        Assert.That(yaml, Does.Contain("\nsinkConfig:\n    sinks.edgex.test:\n"));
        Assert.That(yaml, Does.Contain("\nstreams:\n    demo:\n        sql: CREATE STREAM demo () WITH (DATASOURCE=\"users\", FORMAT=\"JSON\")\n"));
        Assert.That(yaml, Does.Contain("\nrules:\n    rule1:\n        id: rule1\n        sql: SELECT * FROM demo\n        actions:\n            - log: {}\n"));
        Assert.That(yaml, Does.Contain("\nscripts:\n    area:\n        id: area\n"));
        // Sections without entries are left out, as eKuiper leaves them out; streams and rules are always there.
        Assert.That(yaml, Does.Not.Contain("connectionConfig"));
        Assert.That(yaml, Does.Not.Contain("nativePlugins"));
    }

    [Test]
    public async Task An_empty_store_exports_streams_and_rules_only()
    {
        Assert.That(await ExportYamlAsync(), Is.EqualTo("streams: {}\nrules: {}\n"));
    }

    [Test]
    public async Task A_yaml_export_imported_on_a_fresh_server_exports_byte_identical_and_holds_the_same_entries()
    {
        await Client.ImportContentAsync(EkuiperClient.SeedExampleWithoutPlugins);
        var tricky = EkuiperClient.Document(("sourceConfig", "http",
            "{\"odd\":{\"flag\":\"true\",\"number\":\"1.5\",\"empty\":\"\",\"nothing\":null,\"lines\":\"a\\nb\",\"yes\":\"yes\",\"list\":[1,\"2\",{\"k\":[]}],\"n\":-3.25e2,\"sp\":\" lead\"}}"));
        Assert.That((await Client.ImportContentAsync(tricky, "?partial=1").ReadAsync()).Status, Is.EqualTo(200));
        var rule = "{\"id\":\"r3\",\"sql\":\"SELECT * FROM demo\",\"actions\":[{\"mqtt\":{\"server\":\"tcp://a:1883\",\"topic\":\"t\",\"properties\":[{\"a\":1,\"b\":[{\"c\":2,\"d\":3}]}]}},{\"log\":{}}],\"options\":{\"qos\":1}}";
        var created = await Client.CreateRuleAsync(rule).ReadTextAsync();
        Assert.That(created.Status, Is.EqualTo(201), created.Text);
        var yaml = await ExportYamlAsync();
        var json = await Client.ExportSectionsAsync();
        Assert.That(yaml, Does.Contain("\n    r3:\n        id: r3\n        sql: SELECT * FROM demo\n        actions:\n            - mqtt:\n" +
            "                  server: tcp://a:1883\n                  topic: t\n                  properties:\n" +
            "                      - a: 1\n                        b:\n                            - c: 2\n                              d: 3\n" +
            "            - log: {}\n        options:\n            qos: 1\n"), yaml);
        Assert.That(yaml, Does.Contain("\n    sources.http.odd:\n        flag: \"true\"\n        number: \"1.5\"\n        empty: \"\"\n        nothing: null\n        lines: \"a\\nb\"\n        \"yes\": \"yes\"\n"), yaml);
        Assert.That(yaml, Does.Contain("\n        list:\n            - 1\n            - \"2\"\n            - k: []\n        \"n\": -3.25e2\n        sp: ' lead'\n"), yaml);

        using var fresh = new EkuiperApiFactory();
        using var freshClient = fresh.CreateClient();
        var (status, text) = await ImportYamlAsync(freshClient, yaml).ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((200, "success")));
        Assert.That(await ExportYamlAsync(freshClient), Is.EqualTo(yaml));
        var again = await freshClient.ExportSectionsAsync();
        Assert.That(again.Keys, Is.EqualTo(json.Keys));
        foreach (var (section, entries) in json)
        {
            Assert.That(again[section].Keys, Is.EquivalentTo(entries.Keys), section);
            foreach (var (key, value) in entries)
            {
                var other = again[section][key];
                Assert.That(section is "streams" or "tables" ? other == value : ResourceCalls.SameJson(other, value), Is.True,
                    $"{section}.{key}: {other} vs {value}");
            }
        }
    }

    [Test]
    public async Task A_file_uri_is_read_as_yaml()
    {
        var uri = WriteFixture("a.yaml", Encoding.UTF8.GetBytes(
            "streams:\n  s1:\n    sql: CREATE STREAM s1 () WITH (DATASOURCE=\"t\", FORMAT=\"JSON\")\nrules:\n  r1:\n    id: r1\n    sql: SELECT * FROM s1\n    actions:\n      - log: {}\n"));

        var (status, text) = await Client.PostAsJsonAsync("/v2/data/import", new { file = uri }).ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((200, "success")));
        var export = await Client.ExportSectionsAsync();
        Assert.That(export["streams"].Keys, Is.EqualTo(new[] { "s1" }));
        Assert.That(ResourceCalls.SameJson(export["rules"]["r1"], "{\"id\":\"r1\",\"sql\":\"SELECT * FROM s1\",\"actions\":[{\"log\":{}}]}"), Is.True);
    }

    [TestCase("streams: [unclosed", "import failed: yaml: line ")]
    [TestCase("streams:\n  a: b\n c: d", "import failed: yaml: line ")]
    [TestCase("streams: [1, 2]", "import failed: yaml: unmarshal errors:\n  line 1: cannot unmarshal !!seq into the streams section")]
    [TestCase("just a string", "import failed: yaml: unmarshal errors:\n  line 1: cannot unmarshal !!str `just a string` into the document")]
    [TestCase("sourceConfig:\n  mqtt.conf1:\n    qos: 1", "import failed: mqtt.conf1 isn't valid conf key")]
    [TestCase("streams:\n  a:\n    sql: x\n  a:\n    sql: y", "import failed: yaml: unmarshal errors:\n  line 4: mapping key \"a\" already defined")]
    public async Task Bad_yaml_is_refused_in_ekuipers_words_and_changes_nothing(string yaml, string message)
    {
        await Client.ImportContentAsync(EkuiperClient.SeedExampleWithoutPlugins);
        var before = await Client.ExportAsync();

        var (status, body) = await ImportYamlAsync(Client, yaml).ReadAsync();

        Assert.That(status, Is.EqualTo(400), body.ToString());
        Assert.That(body.GetProperty("error").GetInt32(), Is.EqualTo(1000));
        Assert.That(body.GetProperty("message").GetString(), Does.StartWith(message));
        Assert.That(await Client.ExportAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Nesting_deeper_than_64_is_refused()
    {
        var yaml = "rules:\n  r: " + new string('[', 100) + new string(']', 100);

        var (status, body) = await ImportYamlAsync(Client, yaml).ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body.GetProperty("message").GetString(), Is.EqualTo("import failed: yaml: line 2: exceeded max depth of 64"));
    }

    [Test]
    public async Task Content_and_file_together_or_neither_are_refused_as_ekuiper_refuses_them()
    {
        (await Client.PostAsJsonAsync("/v2/data/import", new { content = "streams: {}", file = "file:///tmp/a.yaml" }).ReadAsync())
            .AssertError(400, "Invalid body: Cannot specify both content and file");
        (await Client.PostAsJsonAsync("/v2/data/import", new { content = "" }).ReadAsync())
            .AssertError(400, "Invalid body: must specify content or file");
        var (status, body) = await Client.SendTextAsync(HttpMethod.Post, "/v2/data/import", "{not json").ReadAsync();
        Assert.That(status, Is.EqualTo(400));
        Assert.That(body.GetProperty("message").GetString(), Does.StartWith("Invalid body: Error decoding json: "));
    }

    [Test]
    public async Task A_plain_import_keeps_what_the_document_leaves_out_as_eKuipers_and_partial_0_resets()
    {
        await Client.CreateStreamAsync("CREATE STREAM kept () WITH (DATASOURCE=\"k\", FORMAT=\"JSON\")");
        const string yaml = "streams:\n  added:\n    sql: CREATE STREAM added () WITH (DATASOURCE=\"a\", FORMAT=\"JSON\")\n";

        Assert.That(await ImportYamlAsync(Client, yaml).ReadTextAsync(), Is.EqualTo((200, "success")));
        Assert.That((await Client.ExportSectionsAsync())["streams"].Keys, Is.EquivalentTo(new[] { "kept", "added" }));
        Assert.That(await ImportYamlAsync(Client, yaml, "?partial=1").ReadTextAsync(), Is.EqualTo((200, "success")));
        Assert.That((await Client.ExportSectionsAsync())["streams"].Keys, Is.EquivalentTo(new[] { "kept", "added" }));

        Assert.That(await ImportYamlAsync(Client, yaml, "?partial=0").ReadTextAsync(), Is.EqualTo((200, "success")));
        Assert.That((await Client.ExportSectionsAsync())["streams"].Keys, Is.EquivalentTo(new[] { "added" }));
    }

    [Test]
    public async Task Dry_run_answers_the_plan_and_changes_nothing()
    {
        var before = await Client.ExportAsync();

        var (status, body) = await ImportYamlAsync(Client,
            "streams:\n  s:\n    sql: CREATE STREAM s () WITH (DATASOURCE=\"a\", FORMAT=\"JSON\")\n", "?dryRun=1").ReadAsync();

        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That(body.ValueKind, Is.EqualTo(JsonValueKind.Object));
        Assert.That(await Client.ExportAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task An_entry_that_fails_is_reported_and_the_answer_is_import_failed()
    {
        var (status, body) = await ImportYamlAsync(Client,
            "streams:\n  bad:\n    sql: CREATE STwREAM bad ()\n  good:\n    sql: CREATE STREAM good () WITH (DATASOURCE=\"a\", FORMAT=\"JSON\")\n").ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        var message = body.GetProperty("message").GetString()!;
        Assert.That(message, Does.StartWith("import failed: {"));
        var report = JsonDocument.Parse(message["import failed: ".Length..]).RootElement;
        Assert.That(report.GetProperty("streams").GetProperty("bad").GetString(), Does.Contain("STWREAM"));
        Assert.That((await Client.ExportSectionsAsync())["streams"].Keys, Is.EqualTo(new[] { "good" }));
    }
}
