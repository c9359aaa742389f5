namespace Ekuiper.Api.IntegrationTests;

/// <summary>The per-resource endpoints and import/export agree: what one writes, the other reads.</summary>
public sealed class ResourceRoundTripTests : ServerTest
{
    [Test]
    public async Task Stream_and_rule_created_by_REST_survive_export_and_full_import_into_a_fresh_server()
    {
        const string stream = "CREATE STREAM demo (temperature float) WITH (DATASOURCE=\"demo\", FORMAT=\"JSON\")";
        const string rule = """{"id":"rule1","name":"Hot","sql":"SELECT temperature FROM demo WHERE temperature > 30","actions":[{"log":{}}]}""";
        await Client.CreateStreamAsync(stream);
        await Client.CreateRuleAsync(rule);
        await Client.PostAsync("/rules/rule1/stop", null);
        var ruleBefore = await Client.GetAsync("/rules/rule1").ReadTextAsync();
        var streamBefore = await Client.GetAsync("/streams/demo").ReadTextAsync();
        var export = await Client.ExportAsync();

        using var fresh = new EkuiperApiFactory();
        using var freshClient = fresh.CreateClient();
        var (importStatus, importBody) = await freshClient.ImportContentAsync(export).ReadAsync();

        Assert.That(importStatus, Is.EqualTo(200), importBody.ToString());
        Assert.That(ruleBefore.Status, Is.EqualTo(200));
        Assert.That(await freshClient.GetAsync("/rules/rule1").ReadTextAsync(), Is.EqualTo(ruleBefore));
        Assert.That(await freshClient.GetAsync("/streams/demo").ReadTextAsync(), Is.EqualTo(streamBefore));
        var (_, status) = await freshClient.GetAsync("/rules/rule1/status").ReadAsync();
        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("stopped"));
    }

    [Test]
    public async Task After_an_import_the_lists_name_exactly_the_imported_entries()
    {
        await Client.CreateStreamAsync("CREATE STREAM before () WITH (DATASOURCE=\"b\")");
        await Client.CreateRuleAsync("""{"id":"old","sql":"SELECT * FROM before","actions":[{"log":{}}]}""");

        var (status, body) = await Client.ImportContentAsync(EkuiperClient.SeedExample).ReadAsync();

        // Only the seed's two plugins, whose download host is unreachable, fail.
        Assert.That(status, Is.EqualTo(400), body.ToString());
        var report = System.Text.Json.JsonDocument.Parse(body.GetProperty("message").GetString()!).RootElement;
        Assert.That(report.EnumerateObject().Where(section => section.Value.EnumerateObject().Any()).Select(section => section.Name),
            Is.EqualTo(new[] { "nativePlugins" }));
        Assert.That(await Client.GetNamesAsync("/streams"), Is.EqualTo(new[] { "demo" }));
        Assert.That(await Client.GetNamesAsync("/tables"), Is.EqualTo(new[] { "T110" }));
        var (_, rules) = await Client.GetAsync("/rules").ReadAsync();
        Assert.That(rules.EnumerateArray().Select(r => r.GetProperty("id").GetString()), Is.EqualTo(new[] { "rule1", "rule2" }));
        Assert.That(rules.EnumerateArray().Select(r => r.GetProperty("status").GetString()), Is.All.EqualTo("running"));
    }

    [Test]
    public async Task A_partial_import_keeps_what_REST_created()
    {
        await Client.CreateStreamAsync("CREATE STREAM mine () WITH (DATASOURCE=\"m\")");

        await Client.ImportContentAsync(EkuiperClient.Document(("streams", "theirs", "CREATE STREAM theirs () WITH (DATASOURCE=\"t\")")), "?partial=1");

        Assert.That(await Client.GetNamesAsync("/streams"), Is.EqualTo(new[] { "mine", "theirs" }));
    }
}
