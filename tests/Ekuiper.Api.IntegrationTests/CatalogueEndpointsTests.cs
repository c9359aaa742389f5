using System.Text.Json;
using Ekuiper.Domain.Rules;
using Ekuiper.Tests.Shared;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>
/// GET /metadata/{sources|sinks|connections}[/{type}], /functions, /operators and /resources: the catalogue of what
/// eKuiper ships and what stored plugins add, in its JSON shape.
/// </summary>
public sealed class CatalogueEndpointsTests : ServerTest
{
    private static List<string?> Names(JsonElement list) => list.EnumerateArray().Select(item => item.GetProperty("name").GetString()).ToList();

    [Test]
    public async Task The_sinks_are_listed_by_name_with_about_and_type()
    {
        var (status, list) = await Client.GetAsync("/metadata/sinks").ReadAsync();

        Assert.That(status, Is.EqualTo(200));
        var names = Names(list);
        Assert.That(names, Does.Contain("log").And.Contain("mqtt").And.Contain("redisPub").And.Not.Contain("sse"));
        Assert.That(names, Is.Ordered.Using((IComparer<string?>)StringComparer.Ordinal));
        var log = list.EnumerateArray().Single(item => item.GetProperty("name").GetString() == "log");
        Assert.That(log.GetProperty("type").GetString(), Is.EqualTo("internal"));
        Assert.That(log.GetProperty("about").GetProperty("installed").GetBoolean(), Is.True);
        Assert.That(log.TryGetProperty("properties", out _), Is.False);
    }

    [Test]
    public async Task The_scan_sources_are_listed_by_default_and_the_lookup_ones_on_request()
    {
        var (_, scan) = await Client.GetAsync("/metadata/sources").ReadAsync();
        var (_, lookup) = await Client.GetAsync("/metadata/sources?kind=lookup").ReadAsync();

        Assert.That(Names(scan), Does.Contain("mqtt").And.Contain("httppush").And.Not.Contain("redis"));
        Assert.That(Names(lookup), Is.EqualTo(new[] { "httppull", "memory", "redis", "simulator" }));
    }

    [Test]
    public async Task A_sink_is_described_with_its_property_facts()
    {
        var (status, sink) = await Client.GetAsync("/metadata/sinks/mqtt").ReadAsync();

        Assert.That(status, Is.EqualTo(200));
        var server = sink.GetProperty("properties").EnumerateArray().Single(field => field.GetProperty("name").GetString() == "server");
        Assert.That(server.GetProperty("default").GetString(), Is.EqualTo("tcp://127.0.0.1:1883"));
        Assert.That(server.GetProperty("type").GetString(), Is.EqualTo("string"));
        Assert.That(server.GetProperty("optional").GetBoolean(), Is.False);
        Assert.That(sink.GetProperty("type").GetString(), Is.EqualTo("internal"));
        Assert.That(sink.GetProperty("node").GetProperty("category").GetString(), Is.EqualTo("sink"));
    }

    [Test]
    public async Task A_source_is_described_per_conf_key_without_our_kind_flags()
    {
        var (status, source) = await Client.GetAsync("/metadata/sources/httppull").ReadAsync();

        Assert.That(status, Is.EqualTo(200));
        var defaults = source.GetProperty("properties").GetProperty("default").EnumerateArray()
            .Select(field => field.GetProperty("name").GetString()).ToList();
        Assert.That(defaults, Does.Contain("url").And.Contain("interval"));
        Assert.That(source.TryGetProperty("scan", out _) || source.TryGetProperty("lookup", out _), Is.False);
    }

    [TestCase("/metadata/sinks/nosuch")]
    [TestCase("/metadata/sources/nosuch")]
    [TestCase("/metadata/sinks/sse")]
    public async Task An_unknown_type_is_refused_in_eKuipers_words(string path)
    {
        var (status, text) = await Client.GetAsync(path).ReadTextAsync();

        var name = path[(path.LastIndexOf('/') + 1)..];
        Assert.That((status, text.TrimEnd()), Is.EqualTo((400, $$"""{"error":5000,"message":"This plugin was not found:{{name}}"}""")));
    }
    // A source plugin's metadata file as plugin authors write it: texts per en_US/zh_CN, properties per conf key.
    private const string VideoMetadata = """
        {"about":{"trial":true,"author":{"name":"tests","email":"t@example.com","company":"","website":""},
                  "helpUrl":{"en_US":"https://example.com/video","zh_CN":"https://example.com/zh/video"},
                  "description":{"en_US":"Frames from a camera.","zh_CN":"camera"}},
         "libs":["ffmpeg"],
         "dataSource":{"default":"cam1"},
         "properties":{"default":[
            {"name":"url","default":"rtsp://127.0.0.1","optional":false,"control":"text","type":"string","connection_related":true,
             "hint":{"en_US":"Where the camera streams","zh_CN":"url"},"label":{"en_US":"URL","zh_CN":"URL"}},
            {"name":"fps","default":25,"optional":true,"control":"text","type":"int"},
            {"name":"auth","default":[{"name":"user","default":"","optional":true,"control":"text","type":"string"}],"optional":true,"control":"list","type":"list_object"}]},
         "node":{"category":"source","iconPath":"video.png","label":{"en":"Video","zh":"Video"}}}
        """;

    private const string BeepMetadata = """
        {"about":{"trial":false,"description":{"en_US":"Beeps.","zh_CN":"Beeps."}},
         "properties":[{"name":"volume","default":3,"optional":true,"control":"text","type":"int"}],
         "node":{"category":"sink"}}
        """;

    private const string ImageFunctions = """{"about":{"trial":false},"functions":[{"name":"resize","example":"resize(img, 10, 10)"}]}""";

    private async Task ImportPluginsAsync(params (string Section, string Key, string Name, byte[] Zip)[] plugins)
    {
        var entries = plugins.Select(p => (p.Section, p.Key, $$"""{"name":"{{p.Name}}","file":"{{WriteFixture(p.Name + ".zip", p.Zip)}}"}""")).ToArray();
        var (status, report) = await Client.ImportContentAsync(EkuiperClient.Document(entries)).ReadAsync();
        Assert.That(status, Is.EqualTo(200), report.ToString());
    }

    private static byte[] NativeWithMetadata(string kind, string name, string metadata)
    {
        var entries = new List<(string, string)> { ($"{name}.so", "ELF pretend"), ($"{name}.json", metadata) };
        if (kind == "sources")
        {
            entries.Add(($"{name}.yaml", "default:\n  fps: 25\n"));
        }
        return PackageZips.Zip(entries.ToArray());
    }

    [Test]
    public async Task Every_source_type_is_a_connection_type_listed_without_an_extension_type()
    {
        var (status, list) = await Client.GetAsync("/metadata/connections").ReadAsync();
        var (_, sources) = await Client.GetAsync("/metadata/sources").ReadAsync();
        var (_, lookups) = await Client.GetAsync("/metadata/sources?kind=lookup").ReadAsync();

        Assert.That(status, Is.EqualTo(200));
        Assert.That(Names(list), Is.EqualTo(Names(sources).Union(Names(lookups)).Order(StringComparer.Ordinal).ToList()));
        Assert.That(Names(list), Does.Contain("mqtt").And.Contain("redis"));
        Assert.That(list.EnumerateArray().Any(item => item.TryGetProperty("type", out _)), Is.False);
        Assert.That(list[0].GetProperty("about").GetProperty("installed").GetBoolean(), Is.True);
    }

    [Test]
    public async Task A_connection_type_keeps_only_the_connection_properties_of_each_conf_key()
    {
        var (status, connection) = await Client.GetAsync("/metadata/connections/mqtt").ReadAsync();
        var (_, source) = await Client.GetAsync("/metadata/sources/mqtt").ReadAsync();

        Assert.That(status, Is.EqualTo(200));
        var names = connection.GetProperty("properties").GetProperty("default").EnumerateArray()
            .Select(field => field.GetProperty("name").GetString()).ToList();
        Assert.That(names, Does.Contain("server").And.Contain("username").And.Not.Contain("qos").And.Not.Contain("connectionSelector"));
        var expected = source.GetProperty("properties").GetProperty("default").EnumerateArray()
            .Where(field => field.GetProperty("connection_related").GetBoolean()).Select(field => field.GetProperty("name").GetString());
        Assert.That(names, Is.EqualTo(expected));
        Assert.That(connection.TryGetProperty("type", out _), Is.False);
        Assert.That(connection.GetProperty("dataSource").GetProperty("default").GetString(), Is.EqualTo("topic1"));
    }

    [Test]
    public async Task An_unknown_connection_type_is_a_plain_error()
    {
        (await Client.GetAsync("/metadata/connections/nosuch").ReadAsync()).AssertError(400, "This plugin was not found:nosuch");
    }

    [Test]
    public async Task The_functions_are_one_built_in_file_naming_every_built_in_function()
    {
        var (status, files) = await Client.GetAsync("/metadata/functions").ReadAsync();

        Assert.That(status, Is.EqualTo(200));
        Assert.That(files.GetArrayLength(), Is.EqualTo(1));
        var functions = files[0].GetProperty("functions").EnumerateArray().ToList();
        Assert.That(functions.Select(f => f.GetProperty("name").GetString()!.ToLowerInvariant()), Is.EquivalentTo(BuiltinCatalogue.Functions));
        var avg = functions.Single(f => f.GetProperty("name").GetString() == "avg");
        Assert.That(avg.GetProperty("aggregate").GetBoolean(), Is.True);
        Assert.That(avg.GetProperty("args")[0].GetProperty("type").GetString(), Is.EqualTo("number"));
        var lag = functions.Single(f => f.GetProperty("name").GetString() == "lag");
        Assert.That(lag.TryGetProperty("aggregate", out _), Is.False);
        Assert.That(lag.GetProperty("args").EnumerateArray().Select(a => a.GetProperty("optional").GetBoolean()), Is.EqualTo(new[] { false, true, true, true }));
        Assert.That(files[0].GetProperty("about").GetProperty("description").GetProperty("en_US").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task The_operators_are_eKuipers_graph_operators()
    {
        var (status, operators) = await Client.GetAsync("/metadata/operators").ReadAsync();

        Assert.That(status, Is.EqualTo(200));
        Assert.That(Names(operators), Is.EqualTo(new[] { "filter", "function", "groupby", "join", "orderby", "pick", "script", "switch", "window" }));
        var window = operators.EnumerateArray().Single(op => op.GetProperty("name").GetString() == "window");
        var type = window.GetProperty("properties").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "type");
        Assert.That(type.GetProperty("values").EnumerateArray().Select(v => v.GetString()), Does.Contain("tumblingwindow").And.Contain("countwindow"));
        Assert.That(window.GetProperty("node").GetProperty("category").GetString(), Is.EqualTo("operator"));
    }

    [Test]
    public async Task The_resources_are_the_stored_conf_keys_per_type()
    {
        var (_, before) = await Client.GetAsync("/metadata/resources").ReadTextAsync();
        Assert.That(before, Is.EqualTo("""{"sinks":null,"sources":null}"""));
        foreach (var path in new[] { "/metadata/sources/mqtt/confKeys/b", "/metadata/sources/mqtt/confKeys/a", "/metadata/sources/httppull/confKeys/c", "/metadata/sinks/mqtt/confKeys/d" })
        {
            var (put, text) = await Client.SendTextAsync(HttpMethod.Put, path, """{"server":"tcp://127.0.0.1:1883","url":"http://127.0.0.1"}""").ReadTextAsync();
            Assert.That(put, Is.EqualTo(200), text);
        }
        await Client.SendTextAsync(HttpMethod.Put, "/metadata/connections/mqtt/confKeys/e", """{"server":"tcp://127.0.0.1:1883"}""").ReadTextAsync();

        var (status, after) = await Client.GetAsync("/metadata/resources").ReadTextAsync();

        Assert.That(status, Is.EqualTo(200));
        Assert.That(after, Is.EqualTo("""{"sinks":[{"d":"mqtt"}],"sources":[{"c":"httppull"},{"a":"mqtt","b":"mqtt"}]}"""));
    }

    [Test]
    public async Task A_native_source_plugin_with_metadata_is_listed_and_described_as_eKuiper_reads_its_file()
    {
        await ImportPluginsAsync(
            ("nativePlugins", "sources_video", "video", NativeWithMetadata("sources", "video", VideoMetadata)),
            ("nativePlugins", "sources_bare", "bare", PackageZips.NativePlugin("sources", "bare")));

        var (_, list) = await Client.GetAsync("/metadata/sources").ReadAsync();
        var (status, video) = await Client.GetAsync("/metadata/sources/video").ReadAsync();

        Assert.That(Names(list), Does.Contain("video").And.Contain("mqtt").And.Not.Contain("bare"));
        Assert.That(Names(list), Is.Ordered.Using((IComparer<string?>)StringComparer.Ordinal));
        var item = list.EnumerateArray().Single(i => i.GetProperty("name").GetString() == "video");
        Assert.That(item.GetProperty("type").GetString(), Is.EqualTo("native"));
        Assert.That(status, Is.EqualTo(200));
        Assert.That(video.GetProperty("type").GetString(), Is.EqualTo("native"));
        var about = video.GetProperty("about");
        Assert.That(about.GetProperty("installed").GetBoolean(), Is.True);
        Assert.That(about.GetProperty("description").GetProperty("en").GetString(), Is.EqualTo("Frames from a camera."));
        Assert.That(about.GetProperty("helpUrl").GetProperty("zh").GetString(), Is.EqualTo("https://example.com/zh/video"));
        Assert.That(video.GetProperty("libs")[0].GetString(), Is.EqualTo("ffmpeg"));
        Assert.That(video.GetProperty("dataSource").GetProperty("default").GetString(), Is.EqualTo("cam1"));
        var fields = video.GetProperty("properties").GetProperty("default");
        Assert.That(ResourceCalls.SameJson(fields[0].GetRawText(),
            """{"exist":false,"name":"url","default":"rtsp://127.0.0.1","type":"string","control":"text","connection_related":true,"optional":false,"values":null,"hint":{"en":"Where the camera streams","zh":"url"},"label":{"en":"URL","zh":"URL"}}"""),
            Is.True, fields[0].GetRawText());
        Assert.That(fields[2].GetProperty("default")[0].GetProperty("name").GetString(), Is.EqualTo("user"));
        Assert.That(fields[2].GetProperty("default")[0].GetProperty("exist").GetBoolean(), Is.False);
        Assert.That(video.TryGetProperty("scan", out _), Is.False);

        var (_, lookups) = await Client.GetAsync("/metadata/sources?kind=lookup").ReadAsync();
        Assert.That(Names(lookups), Does.Not.Contain("video"));
        var (_, connections) = await Client.GetAsync("/metadata/connections").ReadAsync();
        Assert.That(Names(connections), Does.Contain("video"));
        var (_, connection) = await Client.GetAsync("/metadata/connections/video").ReadAsync();
        Assert.That(connection.GetProperty("properties").GetProperty("default").EnumerateArray().Select(f => f.GetProperty("name").GetString()),
            Is.EqualTo(new[] { "url" }));
        (await Client.GetAsync("/metadata/sources/bare").ReadAsync()).AssertError(400, "This plugin was not found:bare", 5000);
    }

    [Test]
    public async Task Sinks_and_sources_of_portable_plugins_and_native_sinks_are_listed_with_their_extension_type()
    {
        var manifest = """{"name":"kit","version":"v1.0.0","language":"go","executable":"bin/kit","sources":["tick"],"sinks":["beep"],"functions":["twice"]}""";
        var portable = PackageZips.Zip(("kit.json", manifest, 0), ("bin/kit", "#!/bin/sh\n", PackageZips.Executable), ("sources/tick.yaml", "default: {}\n", 0),
            ("sources/tick.json", VideoMetadata, 0), ("sinks/beep.json", BeepMetadata, 0), ("functions/twice.json", ImageFunctions, 0));
        await ImportPluginsAsync(
            ("portablePlugins", "kit", "kit", portable),
            ("nativePlugins", "sinks_buzz", "buzz", NativeWithMetadata("sinks", "buzz", BeepMetadata)));

        var (_, sinks) = await Client.GetAsync("/metadata/sinks").ReadAsync();
        var (_, sources) = await Client.GetAsync("/metadata/sources").ReadAsync();
        var (status, beep) = await Client.GetAsync("/metadata/sinks/beep").ReadAsync();

        string? TypeOf(JsonElement list, string name) =>
            list.EnumerateArray().Single(i => i.GetProperty("name").GetString() == name).GetProperty("type").GetString();
        Assert.That((TypeOf(sinks, "beep"), TypeOf(sinks, "buzz"), TypeOf(sinks, "log"), TypeOf(sources, "tick")),
            Is.EqualTo(("portable", "native", "internal", "portable")));
        Assert.That(status, Is.EqualTo(200));
        Assert.That(beep.GetProperty("type").GetString(), Is.EqualTo("portable"));
        Assert.That(beep.GetProperty("libs").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(beep.GetProperty("about").GetProperty("author").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(beep.GetProperty("properties")[0].GetProperty("name").GetString(), Is.EqualTo("volume"));
        Assert.That(beep.GetProperty("properties")[0].GetProperty("hint").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task The_function_metadata_files_of_plugins_follow_the_built_in_one_in_file_name_order()
    {
        var manifest = """{"name":"kit","version":"v1.0.0","language":"go","executable":"bin/kit","functions":["twice"]}""";
        var portable = PackageZips.Zip(("kit.json", manifest, 0), ("bin/kit", "#!/bin/sh\n", PackageZips.Executable),
            ("functions/twice.json", """{"about":{"trial":true},"functions":[{"name":"twice"}]}""", 0), ("functions/broken.json", "{not json", 0));
        await ImportPluginsAsync(
            ("portablePlugins", "kit", "kit", portable),
            ("nativePlugins", "functions_image", "image", NativeWithMetadata("functions", "image", ImageFunctions)),
            ("nativePlugins", "functions_plain", "plain", PackageZips.NativePlugin("functions", "plain")));

        var (status, files) = await Client.GetAsync("/metadata/functions").ReadAsync();

        Assert.That(status, Is.EqualTo(200));
        // image.json, internal.json (the built-in one), twice.json; the broken file and the plugin without one add nothing.
        var first = files.EnumerateArray().Select(f => f.GetProperty("functions")[0].GetProperty("name").GetString()).ToList();
        Assert.That(first, Is.EqualTo(new[] { "resize", "abs", "twice" }));
    }
}
