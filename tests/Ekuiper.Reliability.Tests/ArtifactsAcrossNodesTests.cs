#if STORE_POSTGRESQL
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ekuiper.Tests.Shared;

namespace Ekuiper.Reliability.Tests;

/// <summary>
/// Three server processes on one PostgreSQL database, each with its own data directory: a plugin imported through
/// one of them is in the store — its bytes, its functions — so the others list it, accept rules that call it and
/// install its files, and a restore through any of them needs none of its URLs.
/// </summary>
public sealed class ArtifactsAcrossNodesTests
{
    private static readonly TimeSpan MaterialiseLimit = TimeSpan.FromSeconds(10);
    private const string Demo = "CREATE STREAM demo () WITH (DATASOURCE=\"demo\")";
    private const string RuleCallingRevert = """{"id":"r1","sql":"SELECT revert(a) FROM demo","actions":[{"log":{}}]}""";

    private readonly ServerFleet _fleet = new();

    [TearDown]
    public async Task StopServers() => await _fleet.DisposeAsync();

    [Test]
    public async Task A_plugin_imported_through_one_node_is_listed_checked_installed_and_restored_by_the_others_without_its_url()
    {
        var nodes = await _fleet.StartAsync(3);
        var (a, b, c) = (nodes[0], nodes[1], nodes[2]);
        using (var files = new LoopbackFiles())
        {
            var url = files.Serve("/mirror.zip", PackageZips.PortablePlugin("mirror", ["revert"]));
            var document = JsonSerializer.Serialize(new Dictionary<string, Dictionary<string, string>>
            {
                ["streams"] = new() { ["demo"] = Demo },
                ["portablePlugins"] = new() { ["mirror"] = JsonSerializer.Serialize(new { name = "mirror", file = url }) },
            });
            using var imported = await a.Client.ImportAsync(document);
            Assert.That((int)imported.StatusCode, Is.EqualTo(200), await imported.Content.ReadAsStringAsync());
        }
        // The HTTP server is gone from here on.

        foreach (var node in new[] { b, c })
        {
            Assert.That(await node.Client.GetStringAsync("/plugins/portables"), Does.Contain("\"mirror\""));
        }
        using (var rule = await b.Client.PostAsync("/rules", new StringContent(RuleCallingRevert, Encoding.UTF8, "application/json")))
        {
            Assert.That((int)rule.StatusCode, Is.EqualTo(201), await rule.Content.ReadAsStringAsync());
        }
        var manifest = Path.Combine(b.DataDirectory, "plugins", "portable", "mirror", "mirror.json");
        var executable = Path.Combine(b.DataDirectory, "plugins", "portable", "mirror", "bin", "mirror");
        Assert.That(await EventuallyAsync(() => File.Exists(manifest) && File.Exists(executable)), Is.True,
            $"node B installed the plugin's files within {MaterialiseLimit.TotalSeconds} s\n{b.Output}");
        Assert.That(File.ReadAllText(manifest), Does.Contain("\"revert\""));

        // A full import through A replaces the store, backed up first with the plugin in it.
        using (var replaced = await a.Client.ImportAsync("""{"streams":{"other":"CREATE STREAM other () WITH (DATASOURCE=\"other\")"}}"""))
        {
            Assert.That((int)replaced.StatusCode, Is.EqualTo(200));
        }
        Assert.That(await EventuallyAsync(() => !File.Exists(manifest)), Is.True, "node B removed the files of the plugin the store dropped");
        var backups = JsonDocument.Parse(await c.Client.GetStringAsync("/data/backups")).RootElement;
        var backup = backups[0].GetProperty("id").GetString()!;

        using var restore = await c.Client.PostAsync($"/data/backups/{backup}/restore", null);

        Assert.That((int)restore.StatusCode, Is.EqualTo(200), await restore.Content.ReadAsStringAsync());
        Assert.That(File.Exists(Path.Combine(c.DataDirectory, "plugins", "portable", "mirror", "mirror.json")), Is.True);
        foreach (var node in nodes)
        {
            Assert.That(await node.Client.GetStringAsync("/plugins/portables"), Does.Contain("\"mirror\""));
            Assert.That(await node.Client.GetStringAsync("/rules"), Does.Contain("\"r1\""));
        }
        Assert.That(await EventuallyAsync(() => File.Exists(manifest)), Is.True, "node B installed the restored plugin again");
    }

    [Test]
    public async Task A_portable_sink_imported_through_one_node_is_usable_by_rules_created_on_another()
    {
        var nodes = await _fleet.StartAsync(2);
        var (a, b) = (nodes[0], nodes[1]);
        const string rule = """{"id":"toPrint","sql":"SELECT * FROM demo","actions":[{"print":{}}]}""";
        using (var before = await b.Client.PostAsync("/rules", new StringContent(rule, Encoding.UTF8, "application/json")))
        {
            // The control: without the plugin the sink is unknown on every node.
            Assert.That((int)before.StatusCode, Is.EqualTo(400), await before.Content.ReadAsStringAsync());
        }
        using (var files = new LoopbackFiles())
        {
            var url = files.Serve("/pysam.zip", PackageZips.PortablePlugin("pysam", ["revert"], ["pyjson"], sinks: ["print"]));
            var document = JsonSerializer.Serialize(new Dictionary<string, Dictionary<string, string>>
            {
                ["streams"] = new() { ["demo"] = Demo },
                ["portablePlugins"] = new() { ["pysam"] = JsonSerializer.Serialize(new { name = "pysam", file = url }) },
            });
            using var imported = await a.Client.ImportAsync(document);
            Assert.That((int)imported.StatusCode, Is.EqualTo(200), await imported.Content.ReadAsStringAsync());
        }

        // Node B knows the sink from the store at once, whether or not it has installed the plugin's files yet.
        using (var created = await b.Client.PostAsync("/rules", new StringContent(rule, Encoding.UTF8, "application/json")))
        {
            Assert.That((int)created.StatusCode, Is.EqualTo(201), await created.Content.ReadAsStringAsync());
        }
        var described = JsonDocument.Parse(await b.Client.GetStringAsync("/plugins/portables/pysam")).RootElement;
        Assert.That(described.GetProperty("sinks")[0].GetString(), Is.EqualTo("print"));
        Assert.That(described.GetProperty("executable").GetString(),
            Is.EqualTo(Path.GetFullPath(Path.Combine(b.DataDirectory, "plugins", "portable", "pysam", "bin", "pysam"))));
    }

    [Test]
    public async Task A_nested_upload_posted_through_one_node_is_written_listed_and_deleted_on_another()
    {
        var nodes = await _fleet.StartAsync(2);
        var (a, b) = (nodes[0], nodes[1]);
        using (var posted = await a.Client.PostAsync("/config/uploads",
                   new StringContent("""{"name":"conf/dev/a.json","content":"{\"k\":1}"}""", Encoding.UTF8, "application/json")))
        {
            Assert.That((int)posted.StatusCode, Is.EqualTo(201), await posted.Content.ReadAsStringAsync());
        }
        var onB = Path.Combine(b.DataDirectory, "uploads", "conf", "dev", "a.json");

        Assert.That(await EventuallyAsync(() => File.Exists(onB)), Is.True, $"node B installed the nested upload\n{b.Output}");
        Assert.That(File.ReadAllText(onB), Is.EqualTo("{\"k\":1}"));
        Assert.That(await b.Client.GetStringAsync("/config/uploads"),
            Is.EqualTo(JsonSerializer.Serialize(new[] { Path.Combine(b.DataDirectory, "uploads", "conf") })));

        using (var deleted = await b.Client.DeleteAsync("/config/uploads/conf/dev/a.json"))
        {
            Assert.That((int)deleted.StatusCode, Is.EqualTo(200), await deleted.Content.ReadAsStringAsync());
        }
        var onA = Path.Combine(a.DataDirectory, "uploads", "conf");
        Assert.That(await EventuallyAsync(() => !Directory.Exists(onA)), Is.True, $"node A removed the upload and its folders\n{a.Output}");
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + MaterialiseLimit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(100);
        }
        return true;
    }
}
#endif
