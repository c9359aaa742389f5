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
    // eKuiper's rule graph knows these operators but ships no metadata file for them.
    private static readonly string[] OperatorsWithoutMetadata = ["aggfunc", "watermark"];

    private static List<JsonElement> Functions() => MetadataCatalogue.Functions.GetProperty("functions").EnumerateArray().ToList();

    [Test]
    public void Every_function_the_rule_checker_knows_is_described_and_only_those()
    {
        // eKuiper compares function names lower-cased; its metadata spells isNull with a capital.
        var described = Functions().Select(f => f.GetProperty("name").GetString()!.ToLowerInvariant()).ToList();

        Assert.That(described, Is.Unique);
        Assert.That(described, Is.EquivalentTo(BuiltinCatalogue.Functions));
    }

    [Test]
    public void Every_function_has_a_description_its_arguments_and_a_return_type()
    {
        foreach (var function in Functions())
        {
            var name = function.GetProperty("name").GetString();
            Assert.That(function.GetProperty("hint").GetProperty("en_US").GetString(), Is.Not.Empty, name);
            Assert.That(function.GetProperty("example").GetString(), Does.StartWith(name + "(").IgnoreCase, name);
            Assert.That(function.GetProperty("return").GetProperty("type").GetString(), Is.Not.Empty, name);
            Assert.That(function.GetProperty("node").GetProperty("category").GetString(), Is.EqualTo("function"), name);
            foreach (var arg in function.GetProperty("args").EnumerateArray())
            {
                Assert.That(arg.GetProperty("name").GetString(), Is.Not.Empty, name);
                Assert.That(arg.GetProperty("type").GetString(), Is.Not.Empty, name);
                Assert.That(arg.GetProperty("control").GetString(), Is.AnyOf("field", "text", "select", "list", "checkbox"), name);
                Assert.That(arg.GetProperty("optional").ValueKind, Is.AnyOf(JsonValueKind.True, JsonValueKind.False), name);
            }
        }
        var aggregates = Functions().Where(f => f.TryGetProperty("aggregate", out var flag) && flag.GetBoolean())
            .Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.That(aggregates, Does.Contain("avg").And.Contain("percentile_cont").And.Not.Contain("abs").And.Not.Contain("acc_sum"));
    }

    [Test]
    public void Every_operator_described_is_one_the_rule_checker_knows_and_only_those_with_metadata_are_missing()
    {
        var described = MetadataCatalogue.Operators.EnumerateArray().Select(op => op.GetProperty("name").GetString()!).ToList();

        Assert.That(described, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(described, Is.EquivalentTo(BuiltinCatalogue.GraphOperators.Except(OperatorsWithoutMetadata)));
        foreach (var op in MetadataCatalogue.Operators.EnumerateArray())
        {
            Assert.That(op.GetProperty("about").GetProperty("description").GetProperty("en_US").GetString(), Is.Not.Empty);
            Assert.That(op.GetProperty("node").GetProperty("category").GetString(), Is.EqualTo("operator"));
        }
    }
}
