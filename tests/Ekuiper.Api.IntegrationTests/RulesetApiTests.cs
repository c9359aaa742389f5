using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>POST /ruleset/import and /ruleset/export: eKuiper's older streams, tables and rules file.</summary>
public sealed class RulesetApiTests : ServerTest
{
    private const string Ruleset =
        "{\"streams\":{\"s1\":\"CREATE STREAM s1 () WITH (DATASOURCE=\\\"t\\\", FORMAT=\\\"JSON\\\")\"}," +
        "\"tables\":{\"t1\":\"CREATE TABLE t1 () WITH (DATASOURCE=\\\"t.json\\\", FORMAT=\\\"JSON\\\", TYPE=\\\"file\\\")\"}," +
        "\"rules\":{\"r1\":\"{\\\"id\\\":\\\"r1\\\",\\\"sql\\\":\\\"SELECT * FROM s1\\\",\\\"actions\\\":[{\\\"log\\\":{}}]}\"}," +
        "\"sourceConfig\":{\"mqtt\":\"{\\\"ignored\\\":{\\\"qos\\\":1}}\"}}";

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string content) =>
        client.PostAsJsonAsync("/ruleset/import", new { content });

    [Test]
    public async Task Import_counts_what_it_imported_keeps_the_rest_and_reads_only_streams_tables_and_rules()
    {
        await Client.CreateStreamAsync("CREATE STREAM kept () WITH (DATASOURCE=\"k\", FORMAT=\"JSON\")");

        var answer = await ImportAsync(Client, Ruleset).ReadTextAsync();

        Assert.That(answer, Is.EqualTo((200, "imported 1 streams, 1 tables and 1 rules")));
        var export = await Client.ExportSectionsAsync();
        Assert.That(export["streams"].Keys, Is.EquivalentTo(new[] { "kept", "s1" }));
        Assert.That(export["tables"].Keys, Is.EqualTo(new[] { "t1" }));
        Assert.That(export["rules"].Keys, Is.EqualTo(new[] { "r1" }));
        Assert.That(export["sourceConfig"], Is.Empty);
    }

    [Test]
    public async Task Entries_that_fail_are_left_out_of_the_count_and_recorded_in_the_status()
    {
        var document = Ruleset.Replace("CREATE TABLE t1", "CREATE TAwBLE t1");

        var answer = await ImportAsync(Client, document).ReadTextAsync();

        Assert.That(answer, Is.EqualTo((200, "imported 1 streams, 0 tables and 1 rules")));
        var (_, status) = await Client.GetAsync("/data/import/status").ReadAsync();
        Assert.That(status.GetProperty("tables").GetProperty("t1").GetString(), Does.Contain("TAWBLE"));
    }

    [Test]
    public async Task A_file_uri_is_imported()
    {
        var uri = WriteFixture("ruleset.json", Encoding.UTF8.GetBytes(Ruleset));

        var answer = await Client.PostAsJsonAsync("/ruleset/import", new { file = uri }).ReadTextAsync();

        Assert.That(answer, Is.EqualTo((200, "imported 1 streams, 1 tables and 1 rules")));
    }

    [Test]
    public async Task Bad_bodies_and_documents_are_refused_in_ekuipers_words_and_change_nothing()
    {
        await ImportAsync(Client, Ruleset);
        var before = await Client.ExportAsync();

        (await Client.PostAsJsonAsync("/ruleset/import", new { content = "{}", file = "file:///tmp/x.json" }).ReadAsync())
            .AssertError(400, "Invalid body: Cannot specify both content and file");
        (await Client.PostAsJsonAsync("/ruleset/import", new { }).ReadAsync())
            .AssertError(400, "Invalid body: must specify content or file");
        var (status, body) = await ImportAsync(Client, "{\"streams\": {").ReadAsync();
        Assert.That(status, Is.EqualTo(400));
        Assert.That(body.GetProperty("message").GetString(), Does.StartWith("Import ruleset error: invalid import file: "));

        Assert.That(await Client.ExportAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Export_holds_streams_tables_and_rules_only_as_the_data_export_holds_them()
    {
        await Client.ImportContentAsync(EkuiperClient.SeedExampleWithoutPlugins);

        using var response = await Client.PostAsync("/ruleset/export", null);
        var text = await response.Content.ReadAsStringAsync();

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/octet-stream"));
        Assert.That(response.Content.Headers.ContentDisposition!.DispositionType, Is.EqualTo("attachment"));
        var exported = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(text)!;
        Assert.That(exported.Keys, Is.EqualTo(new[] { "streams", "tables", "rules" }));
        var data = await Client.ExportSectionsAsync();
        foreach (var section in exported.Keys)
        {
            Assert.That(exported[section], Is.EqualTo(data[section]), section);
        }
    }

    [Test]
    public async Task An_export_imported_on_a_fresh_server_exports_the_same_bytes()
    {
        await Client.ImportContentAsync(EkuiperClient.SeedExampleWithoutPlugins);
        var exported = await (await Client.PostAsync("/ruleset/export", null)).Content.ReadAsStringAsync();

        using var fresh = new EkuiperApiFactory();
        using var freshClient = fresh.CreateClient();
        var answer = await ImportAsync(freshClient, exported).ReadTextAsync();

        Assert.That(answer, Is.EqualTo((200, "imported 1 streams, 1 tables and 2 rules")));
        Assert.That(await (await freshClient.PostAsync("/ruleset/export", null)).Content.ReadAsStringAsync(), Is.EqualTo(exported));
    }

    [Test]
    public async Task An_empty_store_exports_three_empty_sections()
    {
        var text = await (await Client.PostAsync("/ruleset/export", null)).Content.ReadAsStringAsync();

        Assert.That(text, Is.EqualTo("{\"streams\":{},\"tables\":{},\"rules\":{}}"));
    }
}
