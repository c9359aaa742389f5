using System.Text.Json;
using Ekuiper.Application.Catalogue;
using Ekuiper.Application.Configs;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Rules;

namespace Ekuiper.Application.Tests.Catalogue;

/// <summary>The catalogue files agree with what the rule checker and the conf-key defaults know.</summary>
public sealed class MetadataCatalogueTests
{
    // eKuiper builds these sinks in but ships no metadata file for them, so its /metadata/sinks does not list them.
    private static readonly string[] SinksWithoutMetadata = ["logToMemory", "sse"];

    private static IEnumerable<string> Names(CatalogueKind kind) => MetadataCatalogue.List(kind).Select(entry => entry.Key);

    [Test]
    public void Every_sink_the_rule_checker_knows_is_described_and_only_those()
    {
        Assert.That(Names(CatalogueKind.Sink), Is.EquivalentTo(BuiltinCatalogue.SinkTypes.Except(SinksWithoutMetadata)));
    }

    [Test]
    public void Every_source_type_with_built_in_conf_keys_is_described_and_only_those()
    {
        Assert.That(Names(CatalogueKind.Source), Is.EquivalentTo(ConfDefaults.Types(ConfigCategory.Source)));
    }

    [Test]
    public void Every_entry_has_the_shape_eKuiper_answers()
    {
        foreach (var kind in new[] { CatalogueKind.Sink, CatalogueKind.Source })
        {
            foreach (var (name, entry) in MetadataCatalogue.List(kind))
            {
                var description = entry.GetProperty("about").GetProperty("description");
                Assert.That(description.GetProperty("en").GetString(), Is.Not.Empty, name);
                Assert.That(entry.GetProperty("libs").ValueKind, Is.EqualTo(JsonValueKind.Array), name);
                var fields = kind == CatalogueKind.Sink
                    ? entry.GetProperty("properties").EnumerateArray()
                    : entry.GetProperty("properties").EnumerateObject().SelectMany(key => key.Value.EnumerateArray());
                foreach (var field in fields)
                {
                    Assert.That(field.GetProperty("name").GetString(), Is.Not.Empty, name);
                    Assert.That(field.GetProperty("optional").ValueKind, Is.AnyOf(JsonValueKind.True, JsonValueKind.False), name);
                    Assert.That(field.TryGetProperty("type", out _), Is.True, name);
                }
                if (kind == CatalogueKind.Source)
                {
                    Assert.That(MetadataCatalogue.Supports(entry, false) || MetadataCatalogue.Supports(entry, true), Is.True, name);
                }
            }
        }
    }
}
