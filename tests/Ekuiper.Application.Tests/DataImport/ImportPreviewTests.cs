using System.Text.Json;
using Ekuiper.Application.Store;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Domain.Sql;

namespace Ekuiper.Application.Tests.DataImport;

public sealed class ImportPreviewTests
{
    private const string StreamA = "CREATE STREAM a () WITH (DATASOURCE=\"a\")";
    private const string StreamB = "CREATE STREAM b () WITH (DATASOURCE=\"b\")";
    private const string StreamBChanged = "CREATE STREAM b () WITH (DATASOURCE=\"b2\")";
    private const string StreamC = "CREATE STREAM c () WITH (DATASOURCE=\"c\")";

    /// <summary>Stored: streams a and b, rule r1 on a, mqtt source config keys k1 and k2, native plugin sources_p.</summary>
    private static readonly StoreContents Stored = new(
        [Stream("a", StreamA), Stream("b", StreamB)],
        [new RuleDefinition { Id = "r1", Json = Rule("r1", "a") }],
        [
            new ConfigKey { Category = ConfigCategory.Source, PluginType = "mqtt", Name = "k1", PropertiesJson = "{\"qos\":1}" },
            new ConfigKey { Category = ConfigCategory.Source, PluginType = "mqtt", Name = "k2", PropertiesJson = "{\"qos\":2}" },
        ],
        [new ArtifactDefinition { Kind = ArtifactKind.NativePlugin, Key = "sources_p", Json = "{\"name\":\"p\",\"file\":\"file:///p.zip\"}" }]);

    private static StreamDefinition Stream(string name, string statement) =>
        new() { Name = name, Kind = StreamKind.Stream, Statement = statement };

    private static string Rule(string id, string stream) =>
        $"{{\"id\":\"{id}\",\"sql\":\"SELECT * FROM {stream}\",\"actions\":[{{\"log\":{{}}}}]}}";

    private static Ruleset Document(params (RulesetSection Section, string Key, string Value)[] entries)
    {
        var ruleset = new Ruleset();
        foreach (var (section, key, value) in entries)
        {
            ruleset.Set(section, key, value);
        }
        return ruleset;
    }

    /// <summary>Plans the document as the importer does (no artifact installed) against the stored names.</summary>
    private static ImportPreview Preview(Ruleset document, ImportMode mode)
    {
        var snapshot = mode == ImportMode.Reset ? StoreSnapshot.Empty : new StoreSnapshot(
            Stored.Streams.ToDictionary(s => s.Name, s => (s.Kind, s.Version)),
            Stored.Rules.ToDictionary(r => r.Id, r => r.Version),
            Stored.Artifacts.Select(a => (a.Kind, a.Key)).ToHashSet());
        var plan = ImportPlanner.PlanConfigsAndArtifacts(document, mode, snapshot);
        ImportPlanner.PlanStreams(document, snapshot, plan);
        ImportPlanner.PlanRules(document, snapshot, plan);
        return ImportPreview.Compute(document, mode, Stored, plan);
    }

    [Test]
    public void A_full_import_creates_replaces_keeps_and_deletes_by_comparing_definitions()
    {
        var preview = Preview(Document(
            (RulesetSection.Streams, "a", StreamA),
            (RulesetSection.Streams, "b", StreamBChanged),
            (RulesetSection.Streams, "c", StreamC),
            (RulesetSection.SourceConfig, "mqtt", "{\"k1\":{\"qos\":1}}")), ImportMode.Reset);

        var streams = preview[RulesetSection.Streams];
        Assert.That(streams.Created, Is.EqualTo(new[] { "c" }));
        Assert.That(streams.Replaced, Is.EqualTo(new[] { "b" }));
        Assert.That(streams.Unchanged, Is.EqualTo(new[] { "a" }));
        Assert.That(streams.Deleted, Is.Empty);
        Assert.That(preview[RulesetSection.Rules].Deleted, Is.EqualTo(new[] { "r1" }), "not in the document: gone after a full import");
        Assert.That(preview[RulesetSection.NativePlugins].Deleted, Is.EqualTo(new[] { "sources_p" }));
        // The mqtt entry loses its key k2: the entry as a whole is replaced.
        Assert.That(preview[RulesetSection.SourceConfig].Replaced, Is.EqualTo(new[] { "mqtt" }));
    }

    [Test]
    public void A_partial_import_deletes_nothing_and_merges_config_keys()
    {
        var preview = Preview(Document(
            (RulesetSection.Streams, "c", StreamC),
            (RulesetSection.SourceConfig, "mqtt", "{\"k1\":{\"qos\":1}}"),
            (RulesetSection.NativePlugins, "sources_p", "{\"name\":\"p\",\"file\":\"file:///other.zip\"}")), ImportMode.Partial);

        Assert.That(RulesetSections.All.SelectMany(s => preview[s].Deleted), Is.Empty);
        Assert.That(preview[RulesetSection.Streams].Created, Is.EqualTo(new[] { "c" }));
        Assert.That(preview[RulesetSection.Streams].Unchanged, Is.Empty, "a and b are not named by the document");
        // k1 is stored with the same properties and k2 is kept: the entry does not change.
        Assert.That(preview[RulesetSection.SourceConfig].Unchanged, Is.EqualTo(new[] { "mqtt" }));
        // A partial import leaves an installed plugin as it is, whatever the document says.
        Assert.That(preview[RulesetSection.NativePlugins].Unchanged, Is.EqualTo(new[] { "sources_p" }));
    }

    [Test]
    public void Failing_entries_are_listed_with_their_errors_and_a_full_import_shows_the_stored_one_deleted()
    {
        var document = Document(
            (RulesetSection.Streams, "a", "CREATE STWREAM a () WITH (DATASOURCE=\"a\")"),
            (RulesetSection.Rules, "r2", Rule("r2", "ghost")));

        var full = Preview(document, ImportMode.Reset);
        var partial = Preview(document, ImportMode.Partial);

        Assert.That(full[RulesetSection.Streams].Failed["a"], Does.Contain("STWREAM"));
        Assert.That(full[RulesetSection.Rules].Failed.Keys, Is.EqualTo(new[] { "r2" }));
        Assert.That(full[RulesetSection.Streams].Deleted, Is.EqualTo(new[] { "a", "b" }), "a fails, so nothing replaces the stored a");
        Assert.That(partial[RulesetSection.Streams].Failed.Keys, Is.EqualTo(new[] { "a" }));
        Assert.That(partial[RulesetSection.Streams].Unchanged, Is.Empty, "a failing entry is not reported as unchanged");
        Assert.That(partial[RulesetSection.Streams].Deleted, Is.Empty);
    }

    [Test]
    public void A_stream_turned_into_a_table_moves_between_sections()
    {
        var preview = Preview(Document((RulesetSection.Tables, "b", "CREATE TABLE b () WITH (DATASOURCE=\"b\")")), ImportMode.Partial);

        Assert.That(preview[RulesetSection.Tables].Created, Is.EqualTo(new[] { "b" }));
        Assert.That(preview[RulesetSection.Streams].Deleted, Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public void The_json_answer_names_every_section_in_order_with_sorted_keys()
    {
        var preview = Preview(Document(
            (RulesetSection.Streams, "z", "CREATE STREAM z () WITH (DATASOURCE=\"z\")"),
            (RulesetSection.Streams, "c", StreamC)), ImportMode.Reset);

        using var json = JsonDocument.Parse(preview.ToJson(7, ImportMode.Reset));

        Assert.That(json.RootElement.GetProperty("revision").GetInt64(), Is.EqualTo(7));
        Assert.That(json.RootElement.GetProperty("mode").GetString(), Is.EqualTo("full"));
        var plan = json.RootElement.GetProperty("plan");
        Assert.That(plan.EnumerateObject().Select(p => p.Name), Is.EqualTo(RulesetSections.All.Select(s => s.WireName())));
        var streams = plan.GetProperty("streams");
        Assert.That(streams.GetProperty("created").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "c", "z" }));
        Assert.That(streams.GetProperty("deleted").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(streams.GetProperty("failed").EnumerateObject(), Is.Empty);
    }
}
