using System.Net.Http.Json;
using System.Text.Json;

namespace Ekuiper.Api.IntegrationTests;

public sealed class DataImportExportTests : ServerTest
{
    [Test]
    public async Task Seed_example_imported_as_content_lands_in_the_export_except_its_unreachable_plugins()
    {
        var (status, body) = await Client.ImportContentAsync(EkuiperClient.SeedExample).ReadAsync();

        // Its two plugins point at a host these tests cannot reach: they fail to download, everything else lands.
        Assert.That(status, Is.EqualTo(400), body.ToString());
        var report = JsonDocument.Parse(body.GetProperty("message").GetString()!).RootElement;
        Assert.That(report.EnumerateObject().Where(s => s.Value.EnumerateObject().Any()).Select(s => s.Name),
            Is.EqualTo(new[] { "nativePlugins" }));
        Assert.That(report.GetProperty("nativePlugins").GetProperty("functions_image").GetString(), Does.StartWith(
            "fail to download file https://packages.emqx.net/kuiper-plugins/1.8.1/debian/functions/image_amd64.zip: "));
        Assert.That(report.GetProperty("nativePlugins").GetProperty("sources_video").GetString(), Does.StartWith(
            "fail to download file https://packages.emqx.net/kuiper-plugins/1.8.1/debian/sources/video_amd64.zip: "));
        var export = await Client.ExportSectionsAsync();
        Assert.That(export["nativePlugins"], Is.Empty);
        Assert.That(export["streams"].Keys, Is.EquivalentTo(new[] { "demo" }));
        Assert.That(export["tables"].Keys, Is.EquivalentTo(new[] { "T110" }));
        Assert.That(export["rules"].Keys, Is.EquivalentTo(new[] { "rule1", "rule2" }));
        Assert.That(export["sourceConfig"].Keys, Is.EquivalentTo(new[] { "mqtt" }));
        Assert.That(export["sinkConfig"].Keys, Is.EquivalentTo(new[] { "edgex" }));
        Assert.That(export["scripts"].Keys, Is.EquivalentTo(new[] { "area" }));
        Assert.That(export["tables"]["T110"], Does.Contain("CREATE TABLE T110"));
    }

    [Test]
    public async Task Seed_example_imported_as_a_file_uri_lands_in_the_export()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ekuiper-seed-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, EkuiperClient.SeedExampleWithoutPlugins);
        try
        {
            var (status, body) = await Client.ImportFileAsync(path).ReadAsync();

            Assert.That(status, Is.EqualTo(200), body.ToString());
            Assert.That(body.GetProperty("ErrorMsg").GetString(), Is.Empty);
            Assert.That(body.GetProperty("ConfigResponse").EnumerateObject().Count(), Is.EqualTo(12));
            var export = await Client.ExportSectionsAsync();
            Assert.That(export["streams"].Keys, Is.EquivalentTo(new[] { "demo" }));
            Assert.That(export["rules"].Keys, Is.EquivalentTo(new[] { "rule1", "rule2" }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task A_file_that_does_not_exist_is_refused_in_ekuipers_words()
    {
        var (status, body) = await Client.ImportFileAsync("/tmp/does-not-exist-" + Guid.NewGuid()).ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body.GetProperty("error").GetInt32(), Is.EqualTo(1000));
        Assert.That(body.GetProperty("message").GetString(), Does.StartWith("fail to download file file:///tmp/does-not-exist-"));
        Assert.That(body.GetProperty("message").GetString(), Does.Contain("no such file or directory"));
    }

    [TestCase("{\"streams\": {")]
    [TestCase("not json at all")]
    [TestCase("[1,2]")]
    [TestCase("{\"streams\": {\"demo\": 5}}")]
    [TestCase("{\"rules\": []}")]
    public async Task Malformed_document_is_refused_and_changes_nothing(string document)
    {
        await Client.ImportContentAsync(EkuiperClient.SeedExample);
        var before = await Client.ExportAsync();

        var (status, body) = await Client.ImportContentAsync(document).ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body.GetProperty("error").GetInt32(), Is.EqualTo(1000));
        Assert.That(body.GetProperty("message").GetString(), Does.StartWith("configuration unmarshal with error"));
        Assert.That(await Client.ExportAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_cut_document_is_answered_byte_for_byte_as_eKuipers_import_test_expects()
    {
        // eKuiper's fvt/import_test.go, "full import wrong json".
        const string body = """{"content":"{\"streams\": {\"demo\": \"CREATE STwREAM demo () WITH (DATASOURCE=\\\"users\\\", CONF_KEY=\\\"td\\\",TYPE=\\\"none\\\", FORMAT=\\\"JSO"}""";

        Assert.That(await Client.SendTextAsync(HttpMethod.Post, "/data/import", body).ReadTextAsync(), Is.EqualTo((400,
            "{\"error\":1000,\"message\":\"configuration unmarshal with error unexpected end of JSON input\"}\n")));
    }

    [Test]
    public async Task Bad_stream_statement_is_reported_under_its_key_and_in_the_status()
    {
        var document = EkuiperClient.SeedExample.Replace("CREATE STREAM demo", "CREATE STwREAM demo");

        var (status, body) = await Client.ImportContentAsync(document).ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body.GetProperty("error").GetInt32(), Is.EqualTo(1000));
        var report = JsonDocument.Parse(body.GetProperty("message").GetString()!).RootElement;
        Assert.That(report.GetProperty("streams").GetProperty("demo").GetString(),
            Is.EqualTo("found \"STWREAM\", expected keyword stream or table."));
        Assert.That(body.GetProperty("message").GetString(), Does.Contain("found \\\"STWREAM\\\", expected keyword stream or table."));

        var (statusCode, statusBody) = await Client.GetAsync("/data/import/status").ReadAsync();
        Assert.That(statusCode, Is.EqualTo(200));
        Assert.That(statusBody.GetProperty("streams").GetProperty("demo").GetString(),
            Is.EqualTo("found \"STWREAM\", expected keyword stream or table."));
        Assert.That(statusBody.EnumerateObject().Count(), Is.EqualTo(12));

        // The other entries still land, as in eKuiper.
        var export = await Client.ExportSectionsAsync();
        Assert.That(export["streams"], Is.Empty);
        Assert.That(export["tables"].Keys, Is.EquivalentTo(new[] { "T110" }));
    }

    [Test]
    public async Task Status_is_empty_after_a_clean_import()
    {
        await Client.ImportContentAsync(EkuiperClient.SeedExample.Replace("CREATE STREAM demo", "CREATE STwREAM demo"));
        await Client.ImportContentAsync(EkuiperClient.SeedExampleWithoutPlugins);

        var (_, status) = await Client.GetAsync("/data/import/status").ReadAsync();

        Assert.That(status.EnumerateObject().All(section => !section.Value.EnumerateObject().Any()), Is.True, status.ToString());
    }

    [Test]
    public async Task Both_or_neither_of_content_and_file_is_refused()
    {
        var (bothStatus, both) = await Client.PostAsJsonAsync("/data/import", new { content = "{}", file = "file:///tmp/a.json" }).ReadAsync();
        var (neitherStatus, neither) = await Client.PostAsJsonAsync("/data/import", new { }).ReadAsync();

        Assert.That(bothStatus, Is.EqualTo(400));
        Assert.That(both.GetProperty("message").GetString(), Is.EqualTo("Invalid body: Cannot specify both content and file"));
        Assert.That(neitherStatus, Is.EqualTo(400));
        Assert.That(neither.GetProperty("message").GetString(), Is.EqualTo("Invalid body: must specify content or file"));
    }

    [Test]
    public async Task A_body_that_is_not_json_is_refused_with_eKuipers_prefix()
    {
        var (status, body) = await Client.PostAsync("/data/import", new StringContent("content=x")).ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body.GetProperty("message").GetString(), Does.StartWith("Invalid body: Error decoding json"));
    }

    [Test]
    public async Task Full_import_replaces_everything()
    {
        await Client.ImportContentAsync(EkuiperClient.SeedExample);
        var second = EkuiperClient.Document(
            ("streams", "other", "CREATE STREAM other () WITH (DATASOURCE=\"o\")"),
            ("rules", "r9", "{\"id\":\"r9\",\"sql\":\"SELECT * FROM other\",\"actions\":[{\"log\":{}}]}"));

        var (status, _) = await Client.ImportContentAsync(second).ReadAsync();

        Assert.That(status, Is.EqualTo(200));
        var export = await Client.ExportSectionsAsync();
        Assert.That(export["streams"].Keys, Is.EquivalentTo(new[] { "other" }));
        Assert.That(export["rules"].Keys, Is.EquivalentTo(new[] { "r9" }));
        Assert.That(export["tables"], Is.Empty);
        Assert.That(export["sourceConfig"], Is.Empty);
        Assert.That(export["scripts"], Is.Empty);
        Assert.That(export["nativePlugins"], Is.Empty);
    }

    [Test]
    public async Task Partial_import_keeps_others_and_overwrites_same_named_entries()
    {
        await Client.ImportContentAsync(EkuiperClient.SeedExample);
        const string newRule1 = "{\"id\":\"rule1\",\"sql\":\"SELECT temperature FROM demo\",\"actions\":[{\"log\":{}}]}";
        var update = EkuiperClient.Document(
            ("rules", "rule1", newRule1),
            ("streams", "extra", "CREATE STREAM extra () WITH (DATASOURCE=\"x\")"),
            ("sourceConfig", "mqtt", "{\"td\":{\"server\":\"tcp://new:1883\"}}"));

        var (status, body) = await Client.ImportContentAsync(update, "?partial=1").ReadAsync();

        Assert.That(status, Is.EqualTo(200), body.ToString());
        var export = await Client.ExportSectionsAsync();
        Assert.That(export["rules"]["rule1"], Is.EqualTo(newRule1));
        Assert.That(export["rules"].Keys, Is.EquivalentTo(new[] { "rule1", "rule2" }));
        Assert.That(export["streams"].Keys, Is.EquivalentTo(new[] { "demo", "extra" }));
        Assert.That(export["tables"].Keys, Is.EquivalentTo(new[] { "T110" }));
        var mqtt = JsonDocument.Parse(export["sourceConfig"]["mqtt"]).RootElement;
        Assert.That(mqtt.GetProperty("td").GetProperty("server").GetString(), Is.EqualTo("tcp://new:1883"));
        Assert.That(mqtt.GetProperty("test").GetProperty("server").GetString(), Is.EqualTo("tcp://127.0.0.1:1883"));
        Assert.That(export["scripts"].Keys, Is.EquivalentTo(new[] { "area" }));
    }

    [Test]
    public async Task Partial_import_refuses_a_lower_rule_version_and_keeps_the_stored_rule()
    {
        const string v2 = "{\"id\":\"r1\",\"version\":\"2\",\"sql\":\"SELECT * FROM s\",\"actions\":[{\"log\":{}}]}";
        const string v1 = "{\"id\":\"r1\",\"version\":\"1\",\"sql\":\"SELECT a FROM s\",\"actions\":[{\"log\":{}}]}";
        await Client.ImportContentAsync(EkuiperClient.Document(("streams", "s", "CREATE STREAM s () WITH (DATASOURCE=\"s\")"), ("rules", "r1", v2)));

        var (status, body) = await Client.ImportContentAsync(EkuiperClient.Document(("rules", "r1", v1)), "?partial=1").ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        var report = JsonDocument.Parse(body.GetProperty("message").GetString()!).RootElement;
        Assert.That(report.GetProperty("rules").GetProperty("r1").GetString(),
            Is.EqualTo("rule r1 already exists with version (2), new version (1) is lower"));
        Assert.That((await Client.ExportSectionsAsync())["rules"]["r1"], Is.EqualTo(v2));
    }

    [Test]
    public async Task Export_is_an_attachment_named_as_eKuipers()
    {
        using var response = await Client.GetAsync("/data/export");

        Assert.That(response.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(response.Content.Headers.ContentDisposition?.FileName, Is.EqualTo("ekuiper_export.json"));
    }

    [Test]
    public async Task Export_keys_are_sorted_and_all_twelve_sections_present()
    {
        await Client.ImportContentAsync(EkuiperClient.Document(
            ("rules", "b", "{\"id\":\"b\",\"sql\":\"SELECT * FROM s\",\"actions\":[{\"log\":{}}]}"),
            ("rules", "a", "{\"id\":\"a\",\"sql\":\"SELECT * FROM s\",\"actions\":[{\"log\":{}}]}"),
            ("streams", "s", "CREATE STREAM s () WITH (DATASOURCE=\"s\")")));

        var export = await Client.ExportAsync();

        using var document = JsonDocument.Parse(export);
        Assert.That(document.RootElement.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "streams", "tables", "rules", "nativePlugins", "portablePlugins", "sourceConfig", "sinkConfig",
            "connectionConfig", "Service", "Schema", "uploads", "scripts",
        }));
        Assert.That(document.RootElement.GetProperty("rules").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public async Task Export_imported_into_a_fresh_server_exports_identical_bytes()
    {
        await Client.ImportContentAsync(EkuiperClient.SeedExample);
        var first = await Client.ExportAsync();

        using var fresh = new EkuiperApiFactory();
        using var freshClient = fresh.CreateClient();
        var (status, body) = await freshClient.ImportContentAsync(first).ReadAsync();
        var second = await freshClient.ExportAsync();

        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public async Task Data_survives_a_restart()
    {
        var directory = EkuiperApiFactory.NewDataDirectory();
        try
        {
            string before;
            using (var first = new EkuiperApiFactory(directory))
            using (var client = first.CreateClient())
            {
                await client.ImportContentAsync(EkuiperClient.SeedExample.Replace("CREATE STREAM demo", "CREATE STwREAM demo"));
                before = await client.ExportAsync();
            }

            using var second = new EkuiperApiFactory(directory);
            using var restarted = second.CreateClient();
            Assert.That(await restarted.ExportAsync(), Is.EqualTo(before));
            var (_, status) = await restarted.GetAsync("/data/import/status").ReadAsync();
            Assert.That(status.GetProperty("streams").GetProperty("demo").GetString(), Does.Contain("STWREAM"));
            Assert.That(File.Exists(Path.Combine(directory, "ekuiper.db")), Is.EqualTo(!TestStore.IsPostgreSql));
        }
        finally
        {
            EkuiperApiFactory.DeleteDirectory(directory);
        }
    }

    [Test]
    public async Task Unknown_route_answers_in_eKuipers_error_shape()
    {
        var (status, body) = await Client.GetAsync("/no/such/thing").ReadAsync();

        Assert.That(status, Is.EqualTo(404));
        Assert.That(body.GetProperty("error").GetInt32(), Is.EqualTo(1002));
    }
}
