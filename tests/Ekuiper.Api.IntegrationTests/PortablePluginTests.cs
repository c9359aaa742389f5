using System.Net.Http.Json;
using System.Text.Json;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>
/// Portable plugins as eKuiper serves and uses them: listed and described with their PluginInfo, and their sources,
/// sinks and functions accepted by stream and rule checks exactly while the plugin is in the store.
/// </summary>
public sealed class PortablePluginTests : ServerTest
{
    // eKuiper's own sample plugin (sdk/python/example/pysam): one source, one sink, one function.
    private const string PysamManifest =
        """{"name":"pysam","version":"v1.0.0","language":"python","executable":"bin/pysam","sources":["pyjson"],"sinks":["print"],"functions":["revert"]}""";

    private const string PyjsonStream = "CREATE STREAM pyjsonStream () WITH (TYPE=\"pyjson\", FORMAT=\"json\")";

    private static string Rule(string id, string sql, string sink) =>
        $"{{\"id\":\"{id}\",\"sql\":{JsonSerializer.Serialize(sql)},\"actions\":[{{\"{sink}\":{{}}}}]}}";

    private string Executable(string plugin) => Path.Combine(Factory.DataDirectory, "plugins", "portable", plugin, "bin", plugin);

    private (string Section, string Key, string Value) Pysam() =>
        ("portablePlugins", "pysam", JsonSerializer.Serialize(new
        {
            name = "pysam", file = WriteFixture("pysam.zip", PackageZips.PortablePluginWithManifest("pysam", PysamManifest, "pyjson")),
        }));

    private static JsonElement Report(JsonElement errorBody) => JsonDocument.Parse(errorBody.GetProperty("message").GetString()!).RootElement;

    [Test]
    public async Task The_list_and_the_description_are_eKuipers_PluginInfo_with_its_field_order_nulls_and_omitted_fields()
    {
        // Go reads field names regardless of case, leaves the name as the entry's, and a list left out stays nil.
        const string bareManifest = """{"Language":"go","executable":"bin/bare","functions":["shout"],"virtualEnvType":"conda","env":"<base>","unknown":1}""";
        var (imported, report) = await Client.ImportContentAsync(EkuiperClient.Document(
            Pysam(),
            ("portablePlugins", "bare", JsonSerializer.Serialize(new
            {
                name = "bare", file = WriteFixture("bare.zip", PackageZips.PortablePluginWithManifest("bare", bareManifest)),
            })))).ReadAsync();
        Assert.That(imported, Is.EqualTo(200), report.ToString());

        var bare = "{\"name\":\"bare\",\"version\":\"\",\"language\":\"go\",\"executable\":" + JsonSerializer.Serialize(Executable("bare")) +
                   ",\"virtualEnvType\":\"conda\",\"env\":\"\\u003cbase\\u003e\",\"sources\":null,\"sinks\":null,\"functions\":[\"shout\"]}";
        var pysam = "{\"name\":\"pysam\",\"version\":\"v1.0.0\",\"language\":\"python\",\"executable\":" + JsonSerializer.Serialize(Executable("pysam")) +
                    ",\"sources\":[\"pyjson\"],\"sinks\":[\"print\"],\"functions\":[\"revert\"]}";

        Assert.That(await Client.GetAsync("/plugins/portables").ReadTextAsync(), Is.EqualTo((200, $"[{bare},{pysam}]")));
        Assert.That(await Client.GetAsync("/plugins/portables/pysam").ReadTextAsync(), Is.EqualTo((200, pysam)));
        (await Client.GetAsync("/plugins/portables/ghost").ReadAsync()).AssertError(404, "describe portable plugin ghost error: not found");
    }

    [Test]
    public async Task With_no_plugin_the_list_is_an_empty_array()
    {
        Assert.That(await Client.GetAsync("/plugins/portables").ReadTextAsync(), Is.EqualTo((200, "[]")));
    }

    [TestCase("")]
    [TestCase("?partial=1")]
    public async Task Streams_and_rules_of_the_same_import_may_use_the_plugins_source_sink_and_function(string query)
    {
        var (status, body) = await Client.ImportContentAsync(EkuiperClient.Document(
            Pysam(),
            ("streams", "pyjsonStream", PyjsonStream),
            ("rules", "rulePort1", Rule("rulePort1", "SELECT revert(name) FROM pyjsonStream", "print")),
            ("rules", "ghost", Rule("ghost", "SELECT * FROM pyjsonStream", "ghostsink"))), query).ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        var rules = Report(body).GetProperty("rules");
        Assert.That(rules.EnumerateObject().Select(r => (r.Name, r.Value.GetString())),
            Is.EqualTo(new[] { ("ghost", (string?)"sink ghostsink is not defined") }));
        var export = await Client.ExportSectionsAsync();
        Assert.That(export["rules"].Keys, Is.EqualTo(new[] { "rulePort1" }));
        Assert.That(export["streams"].Keys, Is.EqualTo(new[] { "pyjsonStream" }));
    }

    [Test]
    public async Task Rest_creates_use_an_installed_plugin_and_are_refused_without_it()
    {
        Assert.That((await Client.CreateStreamAsync(PyjsonStream).ReadTextAsync()).Status, Is.EqualTo(201));
        (await Client.CreateRuleAsync(Rule("before", "SELECT * FROM pyjsonStream", "print")).ReadAsync())
            .AssertError(400, "invalid rule json: sink print is not defined");
        (await Client.CreateRuleAsync(Rule("before", "SELECT revert(name) FROM pyjsonStream", "log")).ReadAsync())
            .AssertError(400, "invalid rule json: function revert not found");

        var (imported, report) = await Client.ImportContentAsync(EkuiperClient.Document(Pysam()), "?partial=1").ReadAsync();
        Assert.That(imported, Is.EqualTo(200), report.ToString());

        Assert.That((await Client.CreateRuleAsync(Rule("sink", "SELECT * FROM pyjsonStream", "print")).ReadTextAsync()).Status, Is.EqualTo(201));
        Assert.That((await Client.CreateRuleAsync(Rule("call", "SELECT REVERT(name) FROM pyjsonStream", "log")).ReadTextAsync()).Status, Is.EqualTo(201));
        var (validated, _) = await Client.SendTextAsync(HttpMethod.Post, "/rules/validate", Rule("v", "SELECT * FROM pyjsonStream", "print")).ReadTextAsync();
        Assert.That(validated, Is.EqualTo(200));
    }

    [Test]
    public async Task A_full_import_without_the_plugin_refuses_the_rules_that_use_it()
    {
        var rule = ("rules", "rulePort1", Rule("rulePort1", "SELECT * FROM pyjsonStream", "print"));
        var stream = ("streams", "pyjsonStream", PyjsonStream);
        var (first, report) = await Client.ImportContentAsync(EkuiperClient.Document(Pysam(), stream, rule)).ReadAsync();
        Assert.That(first, Is.EqualTo(200), report.ToString());

        var (status, body) = await Client.ImportContentAsync(EkuiperClient.Document(stream, rule)).ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        Assert.That(Report(body).GetProperty("rules").GetProperty("rulePort1").GetString(), Is.EqualTo("sink print is not defined"));
        Assert.That(await Client.GetAsync("/plugins/portables").ReadTextAsync(), Is.EqualTo((200, "[]")));
        Assert.That(Directory.Exists(Path.Combine(Factory.DataDirectory, "plugins", "portable", "pysam")), Is.False);
        (await Client.CreateRuleAsync(Rule("again", "SELECT * FROM pyjsonStream", "print")).ReadAsync())
            .AssertError(400, "invalid rule json: sink print is not defined");
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task The_chosen_rules_export_brings_the_plugin_whose_sink_or_source_a_rule_uses(bool olderRow)
    {
        var other = ("portablePlugins", "other", JsonSerializer.Serialize(new
        {
            name = "other", file = WriteFixture("other.zip", PackageZips.PortablePlugin("other", [], sinks: ["elsewhere"])),
        }));
        var (imported, report) = await Client.ImportContentAsync(EkuiperClient.Document(
            Pysam(), other,
            ("streams", "pyjsonStream", PyjsonStream),
            ("streams", "plain", "CREATE STREAM plain () WITH (DATASOURCE=\"t\")"),
            ("rules", "toPrint", Rule("toPrint", "SELECT * FROM plain", "print")),
            ("rules", "fromPyjson", Rule("fromPyjson", "SELECT * FROM pyjsonStream", "log")),
            ("rules", "plainOnly", Rule("plainOnly", "SELECT * FROM plain", "log")))).ReadAsync();
        Assert.That(imported, Is.EqualTo(200), report.ToString());
        if (olderRow)
        {
            using var scope = Factory.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<IEkuiperDbContext>().Artifacts
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.PluginInfoJson, (string?)null));
        }

        foreach (var (rule, plugins) in new[] { ("toPrint", new[] { "pysam" }), ("fromPyjson", ["pysam"]), ("plainOnly", []) })
        {
            using var response = await Client.PostAsJsonAsync("/data/export", new[] { rule });
            var closure = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(await response.Content.ReadAsStringAsync())!;
            Assert.That(closure["portablePlugins"].Keys, Is.EqualTo(plugins), rule);
        }
    }

    [Test]
    public async Task A_row_of_an_older_version_without_its_manifest_is_read_from_its_stored_bundle()
    {
        var (imported, report) = await Client.ImportContentAsync(EkuiperClient.Document(Pysam())).ReadAsync();
        Assert.That(imported, Is.EqualTo(200), report.ToString());
        var (_, listed) = await Client.GetAsync("/plugins/portables").ReadTextAsync();
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IEkuiperDbContext>();
            var rows = await db.Artifacts.Where(a => a.Kind == ArtifactKind.PortablePlugin)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.PluginInfoJson, (string?)null));
            Assert.That(rows, Is.EqualTo(1));
        }
        // The bundle is in the store: the installed files are not what answers.
        Directory.Delete(Path.Combine(Factory.DataDirectory, "plugins", "portable", "pysam"), recursive: true);

        Assert.That(await Client.GetAsync("/plugins/portables").ReadTextAsync(), Is.EqualTo((200, listed)));
        Assert.That((await Client.CreateStreamAsync(PyjsonStream).ReadTextAsync()).Status, Is.EqualTo(201));
        Assert.That((await Client.CreateRuleAsync(Rule("sink", "SELECT revert(a) FROM pyjsonStream", "print")).ReadTextAsync()).Status, Is.EqualTo(201));
    }

    [Test]
    public async Task A_manifest_field_of_the_wrong_type_is_refused_as_the_package_is()
    {
        const string manifest = """{"language":"go","executable":"bin/odd","version":2,"sinks":["s"]}""";
        var file = WriteFixture("odd.zip", PackageZips.PortablePluginWithManifest("odd", manifest));

        var (status, body) = await Client.ImportContentAsync(EkuiperClient.Document(
            ("portablePlugins", "odd", JsonSerializer.Serialize(new { name = "odd", file })))).ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        Assert.That(Report(body).GetProperty("portablePlugins").GetProperty("odd").GetString(),
            Is.EqualTo("fail to install plugin: invalid json file odd.json: field version must be a string"));
        Assert.That(await Client.GetAsync("/plugins/portables").ReadTextAsync(), Is.EqualTo((200, "[]")));
    }
}
