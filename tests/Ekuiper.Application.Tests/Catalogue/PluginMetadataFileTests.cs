using System.Text.Json;
using Ekuiper.Application.Catalogue;

namespace Ekuiper.Application.Tests.Catalogue;

/// <summary>A plugin's metadata file read as eKuiper reads it into the description its /metadata answers.</summary>
public sealed class PluginMetadataFileTests
{
    [Test]
    public void A_sink_file_gets_eKuipers_field_order_languages_and_installed_flag()
    {
        var sink = PluginMetadataFile.Sink("""
            {"About":{"trial":true,"installed":false,"helpUrl":{"en_US":"https://e/x"}},
             "properties":[{"type":"int","name":"n","optional":true,"default":[],"values":[1,2],"label":{"zh_CN":"n"}}, null]}
            """)!.Value;

        const string expected = """
            {"about":{"trial":true,"installed":true,"author":null,"helpUrl":{"en":"https://e/x","zh":""},"description":null},"libs":null,"properties":[{"exist":false,"name":"n","default":null,"type":"int","control":"","connection_related":false,"optional":true,"values":[1,2],"hint":null,"label":{"en":"","zh":"n"}}],"node":null}
            """;
        Assert.That(sink.GetRawText(), Is.EqualTo(expected));
    }

    [Test]
    public void A_source_file_has_its_conf_keys_sorted_and_our_kind_flags()
    {
        var source = PluginMetadataFile.Source("""{"about":{},"properties":{"zeta":[],"alpha":[{"name":"a"}]}}""", scan: true, lookup: false)!.Value;

        Assert.That(source.GetProperty("properties").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "alpha", "zeta" }));
        Assert.That(source.GetProperty("properties").GetProperty("zeta").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(source.TryGetProperty("dataSource", out _), Is.False);
        Assert.That(MetadataCatalogue.Supports(source, lookup: false), Is.True);
        Assert.That(MetadataCatalogue.Supports(source, lookup: true), Is.False);
    }

    [TestCase("not json")]
    [TestCase("[]")]
    [TestCase("""{"libs":[]}""")]
    [TestCase("""{"about":null}""")]
    [TestCase("""{"about":{"trial":"yes"}}""")]
    [TestCase("""{"about":{},"properties":[{"name":1}]}""")]
    [TestCase("""{"about":{},"properties":[{"name":"a","default":["x"]}]}""")]
    public void A_file_eKuiper_cannot_read_describes_nothing(string json)
    {
        Assert.That(PluginMetadataFile.Sink(json), Is.Null);
    }
}
