using System.Text.Json;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>GET /metadata/{sources|sinks} and /{type}: the catalogue of what eKuiper ships, in its JSON shape.</summary>
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
}
