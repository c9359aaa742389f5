using System.Text;
using System.Text.Json;
using Ekuiper.Tests.Shared;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>POST /plugins/{kind}, GET|PUT|DELETE /plugins/{kind}/{name}, function registers and udfs, as eKuiper answers them.</summary>
public sealed class PluginEndpointsTests : ServerTest
{
    private const string InvalidIdMessage = "id 'invalid.echo2' contains invalid characters: only alphanumeric, hyphens and underscores are allowed";

    /// <summary>A zip of the kind: a native plugin's library (and yaml for a source), or a portable plugin of one function.</summary>
    private static byte[] Package(string kind, string name) => kind == "portables"
        ? PackageZips.PortablePlugin(name, [name + "fn"])
        : PackageZips.NativePlugin(kind, name);

    private static string Noun(string kind) => kind == "portables" ? "portable" : kind;

    private static (string Section, string Key) Place(string kind, string name) =>
        kind == "portables" ? ("portablePlugins", name) : ("nativePlugins", $"{kind}_{name}");

    private async Task<List<string>> ListAsync(string kind)
    {
        if (kind != "portables")
        {
            return await Client.GetNamesAsync($"/plugins/{kind}");
        }
        var (_, text) = await Client.GetAsync("/plugins/portables").ReadTextAsync();
        return JsonDocument.Parse(text).RootElement.EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToList();
    }

    [TestCase("sources")]
    [TestCase("sinks")]
    [TestCase("functions")]
    [TestCase("portables")]
    public async Task A_plugin_is_installed_described_replaced_and_deleted(string kind)
    {
        var uri = WriteFixture("mine.zip", Package(kind, "mine"));
        var entry = $$"""{"name":"mine","file":"{{uri}}"}""";
        var (section, key) = Place(kind, "mine");

        Assert.That(await Client.SendTextAsync(HttpMethod.Post, $"/plugins/{kind}", entry).ReadTextAsync(),
            Is.EqualTo((201, $"{Noun(kind)} plugin mine is created")));
        Assert.That(await ListAsync(kind), Is.EqualTo(new[] { "mine" }));
        Assert.That((await Client.ExportSectionsAsync())[section][key], Is.EqualTo(entry));
        var (describedStatus, described) = await Client.GetAsync($"/plugins/{kind}/mine").ReadTextAsync();
        Assert.That(describedStatus, Is.EqualTo(200), described);
        Assert.That(JsonDocument.Parse(described).RootElement.GetProperty("name").GetString(), Is.EqualTo("mine"));
        if (kind != "portables")
        {
            Assert.That(described, Is.EqualTo("""{"name":"mine","version":""}"""));
        }
        (await Client.SendTextAsync(HttpMethod.Post, $"/plugins/{kind}", entry).ReadAsync()).AssertError(400,
            kind == "portables" ? "portable plugin create command error: invalid name mine: duplicate" : $"{kind} plugins create command error: invalid name mine: duplicate");

        var other = WriteFixture("mine2.zip", Package(kind, "mine"));
        var (updated, updateText) = await Client.SendTextAsync(HttpMethod.Put, $"/plugins/{kind}/mine", $$"""{"name":"mine","file":"{{other}}"}""").ReadTextAsync();
        Assert.That((updated, updateText), Is.EqualTo((200, kind == "portables"
            ? "portable plugin mine is updated"
            : "plugin mine is updated and eKuiper must restart for the change to take effect.")));
        Assert.That((await Client.ExportSectionsAsync())[section][key], Is.EqualTo($$"""{"name":"mine","file":"{{other}}"}"""));

        Assert.That(await Client.DeleteAsync($"/plugins/{kind}/mine").ReadTextAsync(), Is.EqualTo((200, kind == "portables"
            ? "portable plugin mine is deleted"
            : $"{kind} plugin mine is deleted and eKuiper must restart for the change to take effect.")));
        Assert.That(await ListAsync(kind), Is.Empty);
        Assert.That((await Client.ExportSectionsAsync())[section], Is.Empty);
        if (kind == "portables")
        {
            (await Client.DeleteAsync("/plugins/portables/mine").ReadAsync()).AssertError(400, "delete portable plugin mine error: portable plugin mine is not found");
        }
        else
        {
            (await Client.DeleteAsync($"/plugins/{kind}/mine").ReadAsync()).AssertError(404, $"delete {kind} plugin mine error: invalid name mine: not exist");
            (await Client.GetAsync($"/plugins/{kind}/mine").ReadAsync()).AssertError(404, $"describe {kind} plugin mine error: not found");
        }
    }

    [TestCase("sources")]
    [TestCase("sinks")]
    [TestCase("functions")]
    [TestCase("portables")]
    public async Task A_plugin_installed_over_rest_is_exported_as_the_import_of_its_entry(string kind)
    {
        string entry;
        if (kind != "portables")
        {
            // Shell parameters need an install.sh (kept, never run).
            entry = $$"""{"name":"mine","file":"{{WriteFixture("mine.zip", PackageZips.Zip([.. ZipEntries(Package(kind, "mine")), ("install.sh", "#!/bin/sh\n")]))}}","shellParas":["-v"]}""";
        }
        else
        {
            entry = $$"""{"name":"mine","file":"{{WriteFixture("mine.zip", Package(kind, "mine"))}}"}""";
        }
        var (section, key) = Place(kind, "mine");
        Assert.That((await Client.SendTextAsync(HttpMethod.Post, $"/plugins/{kind}", entry).ReadTextAsync()).Item1, Is.EqualTo(201));
        var viaRest = await Client.ExportAsync();
        Assert.That((await Client.ExportSectionsAsync())[section][key], Is.EqualTo(entry));
        Assert.That((await Client.DeleteAsync($"/plugins/{kind}/mine").ReadTextAsync()).Item1, Is.EqualTo(200));

        var (imported, report) = await Client.ImportContentAsync(EkuiperClient.Document((section, key, entry)), "?partial=1").ReadAsync();

        Assert.That(imported, Is.EqualTo(200), report.ToString());
        Assert.That(await Client.ExportAsync(), Is.EqualTo(viaRest));
    }

    private static (string, string)[] ZipEntries(byte[] zip)
    {
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        return archive.Entries.Select(e => (e.FullName, new StreamReader(e.Open()).ReadToEnd())).ToArray();
    }

    [Test]
    public async Task A_native_plugin_is_described_with_its_library_version()
    {
        var uri = WriteFixture("random.zip", PackageZips.Zip(("Random@v1.2.0.so", "library"), ("random.yaml", "default: {}\n")));
        Assert.That((await Client.SendTextAsync(HttpMethod.Post, "/plugins/sources", $$"""{"name":"random","file":"{{uri}}"}""").ReadTextAsync()).Item1, Is.EqualTo(201));

        Assert.That(await Client.GetAsync("/plugins/sources/random").ReadTextAsync(), Is.EqualTo((200, """{"name":"random","version":"1.2.0"}""")));
    }

    [Test]
    public async Task Bad_names_and_bodies_are_refused_in_eKuipers_words_and_change_nothing()
    {
        var uri = WriteFixture("echo2.zip", PackageZips.NativePlugin("functions", "echo2"));
        (await Client.SendTextAsync(HttpMethod.Post, "/plugins/functions", $$"""{"name":"invalid.echo2","file":"{{uri}}"}""").ReadAsync())
            .AssertError(400, InvalidIdMessage);
        (await Client.SendTextAsync(HttpMethod.Post, "/plugins/sources", $$"""{"file":"{{uri}}"}""").ReadAsync())
            .AssertError(400, "id cannot be empty");
        (await Client.DeleteAsync("/plugins/functions/invalid.echo2").ReadAsync()).AssertError(400, InvalidIdMessage);
        (await Client.GetAsync("/plugins/functions/invalid.echo2").ReadAsync()).AssertError(400, InvalidIdMessage);
        (await Client.SendTextAsync(HttpMethod.Put, "/plugins/functions/invalid.echo2", $$"""{"file":"{{uri}}"}""").ReadAsync()).AssertError(400, InvalidIdMessage);
        (await Client.SendTextAsync(HttpMethod.Post, "/plugins/sources", """{"name":1}""").ReadAsync())
            .AssertError(400, "Invalid body: Error decoding the sources plugin json: json: cannot unmarshal number into Go struct field IOPlugin.name of type string");
        (await Client.SendTextAsync(HttpMethod.Post, "/plugins/functions", """{"name":"echo2","functions":"echo2"}""").ReadAsync())
            .AssertError(400, "Invalid body: Error decoding the functions plugin json: json: cannot unmarshal string into Go struct field FuncPlugin.functions of type []string");
        var (garbled, _) = await Client.SendTextAsync(HttpMethod.Put, "/plugins/functions/echo2", "\"name\":\"echo2\"}").ReadTextAsync();
        Assert.That(garbled, Is.EqualTo(400));
        (await Client.SendTextAsync(HttpMethod.Post, "/plugins/portables", """{"name":" ","file":"file:///x.zip"}""").ReadAsync())
            .AssertError(400, "portable plugin create command error: invalid name : should not be empty");
        (await Client.SendTextAsync(HttpMethod.Post, "/plugins/sinks", """{"name":"file","file":"file:///x.txt"}""").ReadAsync())
            .AssertError(400, "sinks plugins create command error: invalid uri file:///x.txt: must be a file://, http:// or https:// URI of a .zip file");
        // A native plugin must exist to be updated, as in eKuiper.
        (await Client.SendTextAsync(HttpMethod.Put, "/plugins/functions/echo2", $$"""{"name":"echo2","file":"{{uri}}"}""").ReadAsync())
            .AssertError(404, "update functions plugin echo2 error, cannot delete old version: invalid name echo2: not exist");

        var export = await Client.ExportSectionsAsync();
        Assert.That(export["nativePlugins"], Is.Empty);
        Assert.That(export["portablePlugins"], Is.Empty);
        Assert.That(Directory.Exists(Path.Combine(Factory.DataDirectory, "plugins", "native", "functions", "echo2")), Is.False);
    }

    [Test]
    public async Task A_missing_file_or_a_zip_that_is_not_one_is_refused_and_a_failed_update_keeps_the_plugin()
    {
        var path = Path.Combine(FixtureDirectory, "missing.zip");
        var missing = new Uri(path).AbsoluteUri;
        (await Client.SendTextAsync(HttpMethod.Post, "/plugins/sources", $$"""{"name":"random","file":"{{missing}}"}""").ReadAsync())
            .AssertError(400, $"sources plugins create command error: fail to download file {missing}: stat {path}: no such file or directory");
        var notZip = WriteFixture("echo.zip", Encoding.UTF8.GetBytes("this is not a zip"));
        (await Client.SendTextAsync(HttpMethod.Post, "/plugins/functions", $$"""{"name":"echo","file":"{{notZip}}"}""").ReadAsync())
            .AssertError(400, "functions plugins create command error: fail to install plugin: zip: not a valid zip file");
        (await Client.SendTextAsync(HttpMethod.Post, "/plugins/portables", $$"""{"name":"echo","file":"{{notZip}}"}""").ReadAsync())
            .AssertError(400, "portable plugin create command error: fail to install plugin: zip: not a valid zip file");
        Assert.That((await Client.ExportSectionsAsync())["nativePlugins"], Is.Empty);

        var good = WriteFixture("good.zip", PackageZips.NativePlugin("functions", "echo"));
        var entry = $$"""{"name":"echo","file":"{{good}}"}""";
        Assert.That((await Client.SendTextAsync(HttpMethod.Post, "/plugins/functions", entry).ReadTextAsync()).Item1, Is.EqualTo(201));
        var before = await Client.ExportAsync();
        (await Client.SendTextAsync(HttpMethod.Put, "/plugins/functions/echo", $$"""{"name":"echo","file":"{{notZip}}"}""").ReadAsync())
            .AssertError(400, "functions plugins create command error: fail to install plugin: zip: not a valid zip file");
        (await Client.SendTextAsync(HttpMethod.Put, "/plugins/functions/echo", $$"""{"name":"other","file":"{{good}}"}""").ReadAsync())
            .AssertError(400, "Invalid body: the body names plugin other, the path echo");

        Assert.That(await Client.ExportAsync(), Is.EqualTo(before));
        Assert.That(await Client.GetNamesAsync("/plugins/functions"), Is.EqualTo(new[] { "echo" }));
    }

    [Test]
    public async Task A_plugin_a_stored_rule_uses_is_not_deleted()
    {
        foreach (var (kind, name) in new[] { ("sources", "random"), ("sinks", "tdengine"), ("functions", "echo") })
        {
            var uri = WriteFixture($"{name}.zip", PackageZips.NativePlugin(kind, name));
            Assert.That((await Client.SendTextAsync(HttpMethod.Post, $"/plugins/{kind}", $$"""{"name":"{{name}}","file":"{{uri}}"}""").ReadTextAsync()).Item1, Is.EqualTo(201));
        }
        Assert.That((await Client.CreateStreamAsync("CREATE STREAM rnd () WITH (DATASOURCE=\"x\", TYPE=\"random\")").ReadTextAsync()).Item1, Is.EqualTo(201));
        Assert.That((await Client.CreateStreamAsync("CREATE STREAM plain () WITH (DATASOURCE=\"y\")").ReadTextAsync()).Item1, Is.EqualTo(201));
        Assert.That((await Client.CreateRuleAsync("""{"id":"r1","sql":"SELECT * FROM rnd","actions":[{"log":{}}]}""").ReadTextAsync()).Item1, Is.EqualTo(201));
        Assert.That((await Client.CreateRuleAsync("""{"id":"r2","sql":"SELECT echo(a) FROM plain","actions":[{"tdengine":{}}]}""").ReadTextAsync()).Item1, Is.EqualTo(201));
        var before = await Client.ExportAsync();

        (await Client.DeleteAsync("/plugins/sources/random").ReadAsync())
            .AssertError(400, "delete sources plugin random error: plugin random can't be dropped due to rule references [r1]");
        (await Client.DeleteAsync("/plugins/sinks/tdengine").ReadAsync())
            .AssertError(400, "delete sinks plugin tdengine error: plugin tdengine can't be dropped due to rule references [r2]");
        (await Client.DeleteAsync("/plugins/functions/echo").ReadAsync())
            .AssertError(400, "delete functions plugin echo error: plugin echo can't be dropped due to rule references [r2]");
        Assert.That(await Client.ExportAsync(), Is.EqualTo(before));

        Assert.That((await Client.DeleteAsync("/rules/r1").ReadTextAsync()).Item1, Is.EqualTo(200));
        Assert.That((await Client.DeleteAsync("/plugins/sources/random").ReadTextAsync()).Item1, Is.EqualTo(200));
        Assert.That((await Client.DeleteAsync("/rules/r2").ReadTextAsync()).Item1, Is.EqualTo(200));
        Assert.That((await Client.DeleteAsync("/plugins/sinks/tdengine").ReadTextAsync()).Item1, Is.EqualTo(200));
        Assert.That((await Client.DeleteAsync("/plugins/functions/echo").ReadTextAsync()).Item1, Is.EqualTo(200));
    }

    [Test]
    public async Task A_portable_plugin_a_stored_rule_uses_is_not_deleted()
    {
        var uri = WriteFixture("pyfns.zip", PackageZips.PortablePlugin("pyfns", ["revert"], sinks: ["pysink"]));
        Assert.That((await Client.SendTextAsync(HttpMethod.Post, "/plugins/portables", $$"""{"name":"pyfns","file":"{{uri}}"}""").ReadTextAsync()).Item1, Is.EqualTo(201));
        Assert.That((await Client.CreateStreamAsync("CREATE STREAM plain () WITH (DATASOURCE=\"y\")").ReadTextAsync()).Item1, Is.EqualTo(201));
        Assert.That((await Client.CreateRuleAsync("""{"id":"r1","sql":"SELECT revert(a) FROM plain","actions":[{"log":{}}]}""").ReadTextAsync()).Item1, Is.EqualTo(201));

        (await Client.DeleteAsync("/plugins/portables/pyfns").ReadAsync())
            .AssertError(400, "delete portable plugin pyfns error: plugin pyfns can't be dropped due to rule references [r1]");
        Assert.That((await Client.ExportSectionsAsync())["portablePlugins"].Keys, Is.EqualTo(new[] { "pyfns" }));
    }

    [Test]
    public async Task Registered_functions_are_known_to_rules_udfs_the_export_and_an_import()
    {
        var uri = WriteFixture("echo.zip", PackageZips.NativePlugin("functions", "echo"));
        Assert.That((await Client.SendTextAsync(HttpMethod.Post, "/plugins/functions", $$"""{"name":"echo","file":"{{uri}}"}""").ReadTextAsync()).Item1, Is.EqualTo(201));
        Assert.That((await Client.CreateStreamAsync("CREATE STREAM demo () WITH (DATASOURCE=\"d\")").ReadTextAsync()).Item1, Is.EqualTo(201));
        const string rule = """{"id":"r1","sql":"SELECT func1(a) FROM demo","actions":[{"log":{}}]}""";
        var (refused, _) = await Client.CreateRuleAsync(rule).ReadTextAsync();
        Assert.That(refused, Is.EqualTo(400));
        Assert.That(await Client.GetNamesAsync("/plugins/udfs"), Is.EqualTo(new[] { "echo" }));

        Assert.That(await Client.SendTextAsync(HttpMethod.Post, "/plugins/functions/echo/register", """{"functions":["func1","func2"]}""").ReadTextAsync(),
            Is.EqualTo((200, "function plugin echo function list is registered")));

        Assert.That(await Client.GetNamesAsync("/plugins/udfs"), Is.EqualTo(new[] { "func1", "func2" }));
        Assert.That(await Client.GetAsync("/plugins/udfs/func2").ReadTextAsync(), Is.EqualTo((200, """{"name":"func2","plugin":"echo"}""")));
        (await Client.GetAsync("/plugins/udfs/echo").ReadAsync()).AssertError(404, "describe function echo error: not found");
        Assert.That(await Client.GetAsync("/plugins/functions/echo").ReadTextAsync(),
            Is.EqualTo((200, """{"functions":["func1","func2"],"name":"echo","version":""}""")));
        Assert.That((await Client.CreateRuleAsync(rule).ReadTextAsync()).Item1, Is.EqualTo(201));
        var entry = $$"""{"name":"echo","file":"{{uri}}","functions":["func1","func2"]}""";
        Assert.That((await Client.ExportSectionsAsync())["nativePlugins"]["functions_echo"], Is.EqualTo(entry));

        // The rule checks of imports know them too, and the exported document imports whole into an empty store.
        var (imported, report) = await Client.ImportContentAsync(EkuiperClient.Document(
            ("rules", "r2", """{"id":"r2","sql":"SELECT func2(a) FROM demo","actions":[{"log":{}}]}""")), "?partial=1").ReadAsync();
        Assert.That(imported, Is.EqualTo(200), report.ToString());
        var export = await Client.ExportAsync();
        var (full, fullReport) = await Client.ImportContentAsync(export).ReadAsync();
        Assert.That(full, Is.EqualTo(200), fullReport.ToString());
        Assert.That(await Client.ExportAsync(), Is.EqualTo(export));
    }

    [Test]
    public async Task Function_registers_are_refused_in_eKuipers_words()
    {
        var uri = WriteFixture("echo.zip", PackageZips.NativePlugin("functions", "echo"));
        var other = WriteFixture("other.zip", PackageZips.NativePlugin("functions", "other"));
        Assert.That((await Client.SendTextAsync(HttpMethod.Post, "/plugins/functions", $$"""{"name":"echo","file":"{{uri}}"}""").ReadTextAsync()).Item1, Is.EqualTo(201));
        Assert.That((await Client.SendTextAsync(HttpMethod.Post, "/plugins/functions", $$"""{"name":"other","file":"{{other}}"}""").ReadTextAsync()).Item1, Is.EqualTo(201));
        var before = await Client.ExportAsync();

        (await Client.SendTextAsync(HttpMethod.Post, "/plugins/functions/none/register", """{"functions":["echo2"]}""").ReadAsync())
            .AssertError(404, "register functions plugin none error: not found");
        (await Client.SendTextAsync(HttpMethod.Post, "/plugins/functions/echo/register", """{"functions":"echo2"}""").ReadAsync())
            .AssertError(400, "Invalid body: Error decoding the function list json: json: cannot unmarshal string into Go struct field functionList.functions of type []string");
        (await Client.SendTextAsync(HttpMethod.Post, "/plugins/functions/echo/register", """{"functions":[]}""").ReadAsync())
            .AssertError(400, "function plugins echo regiser functions error: property 'functions' must not be empty");
        (await Client.SendTextAsync(HttpMethod.Post, "/plugins/functions/echo/register", """{"functions":["other"]}""").ReadAsync())
            .AssertError(400, "function plugins echo regiser functions error: function name other already exists");
        (await Client.SendTextAsync(HttpMethod.Post, "/plugins/functions/a.b/register", """{"functions":["x"]}""").ReadAsync())
            .AssertError(400, "id 'a.b' contains invalid characters: only alphanumeric, hyphens and underscores are allowed");
        Assert.That(await Client.ExportAsync(), Is.EqualTo(before));

        // A register installs the plugin from the files the store keeps: its zip is not fetched again.
        File.Delete(new Uri(uri).LocalPath);
        Assert.That((await Client.SendTextAsync(HttpMethod.Post, "/plugins/functions/echo/register", """{"functions":["e1"]}""").ReadTextAsync()).Item1,
            Is.EqualTo(200));
        Assert.That(await Client.GetNamesAsync("/plugins/udfs"), Is.EqualTo(new[] { "e1", "other" }));
    }
}
