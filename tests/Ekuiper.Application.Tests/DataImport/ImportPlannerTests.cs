using Ekuiper.Application.Store;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Rules;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Domain.Sql;

namespace Ekuiper.Application.Tests.DataImport;

public sealed class ImportPlannerTests
{
    private const string StreamS = "CREATE STREAM s () WITH (DATASOURCE=\"s\")";

    private static Ruleset Document(params (RulesetSection Section, string Key, string Value)[] entries)
    {
        var ruleset = new Ruleset();
        foreach (var (section, key, value) in entries)
        {
            ruleset.Set(section, key, value);
        }
        return ruleset;
    }

    /// <summary>Everything but the rules, checked before any artifact is installed.</summary>
    private static ImportPlan PlanWithoutRules(Ruleset ruleset, ImportMode mode, StoreSnapshot existing)
    {
        var plan = ImportPlanner.PlanConfigsAndArtifacts(ruleset, mode, existing);
        ImportPlanner.PlanStreams(ruleset, existing, plan);
        return plan;
    }

    /// <summary>The planner's steps as the importer runs them for a dry run, with no artifact installed in between.</summary>
    private static ImportPlan PlanAll(Ruleset ruleset, ImportMode mode, StoreSnapshot existing)
    {
        var plan = PlanWithoutRules(ruleset, mode, existing);
        ImportPlanner.PlanRules(ruleset, existing, plan);
        return plan;
    }

    [Test]
    public void Valid_entries_of_every_kind_are_planned_and_nothing_is_reported()
    {
        var plan = PlanAll(Document(
            (RulesetSection.Streams, "s", StreamS),
            (RulesetSection.Tables, "t", "CREATE TABLE t (a bigint) WITH (DATASOURCE=\"t\", TYPE=\"file\")"),
            (RulesetSection.Rules, "r", "{\"id\":\"r\",\"sql\":\"SELECT * FROM s\",\"actions\":[{\"log\":{}}]}"),
            (RulesetSection.SinkConfig, "mqtt", "{\"a\":{},\"b\":{}}"),
            (RulesetSection.Scripts, "f", "{\"id\":\"f\",\"script\":\"function f(){}\"}")), ImportMode.Reset, StoreSnapshot.Empty);

        Assert.That(plan.Report.IsEmpty, Is.True);
        Assert.That(plan.Streams.Select(s => (s.Name, s.Kind)), Is.EquivalentTo(new[] { ("s", StreamKind.Stream), ("t", StreamKind.Table) }));
        Assert.That(plan.Rules.Single().Id, Is.EqualTo("r"));
        Assert.That(plan.ConfigKeys.Select(k => k.Name), Is.EquivalentTo(new[] { "a", "b" }));
        Assert.That(plan.Artifacts.Single().Kind, Is.EqualTo(ArtifactKind.Script));
        Assert.That(plan.EntryCount, Is.EqualTo(6));
    }

    [Test]
    public void Failing_entries_are_reported_under_their_section_and_key_and_not_planned()
    {
        var plan = PlanAll(Document(
            (RulesetSection.Streams, "s", "CREATE STwREAM s () WITH (DATASOURCE=\"s\")"),
            (RulesetSection.Rules, "r", "{\"id\":\"x\"}"),
            (RulesetSection.SourceConfig, "mqtt", "[]"),
            (RulesetSection.Uploads, "u", "{\"name\":\"u\"}")), ImportMode.Reset, StoreSnapshot.Empty);

        Assert.That(plan.EntryCount, Is.Zero);
        Assert.That(plan.Report[RulesetSection.Streams]["s"], Does.Contain("STWREAM"));
        Assert.That(plan.Report[RulesetSection.Rules]["r"], Is.EqualTo("RuleId is not consistent with rule id."));
        Assert.That(plan.Report[RulesetSection.SourceConfig].ContainsKey("mqtt"), Is.True);
        Assert.That(plan.Report[RulesetSection.Uploads].ContainsKey("u"), Is.True);
    }

    [Test]
    public void A_name_defined_as_both_stream_and_table_is_reported_once()
    {
        var plan = PlanWithoutRules(Document(
            (RulesetSection.Streams, "s", StreamS),
            (RulesetSection.Tables, "s", "CREATE TABLE s () WITH (DATASOURCE=\"s\")")), ImportMode.Reset, StoreSnapshot.Empty);

        Assert.That(plan.Streams.Single().Kind, Is.EqualTo(StreamKind.Stream));
        Assert.That(plan.Report[RulesetSection.Tables]["s"], Is.EqualTo("s is already defined under streams in this import"));
    }

    [Test]
    public void A_lower_stream_version_than_the_stored_one_is_refused()
    {
        var stored = new StoreSnapshot(
            new Dictionary<string, (StreamKind, string?)> { ["s"] = (StreamKind.Stream, "5") },
            new Dictionary<string, string?>(),
            new HashSet<(ArtifactKind, string)>());

        var plan = PlanWithoutRules(Document((RulesetSection.Streams, "s", "CREATE STREAM s () WITH (DATASOURCE=\"s\", VERSION=\"4\")")),
            ImportMode.Partial, stored);

        Assert.That(plan.Streams, Is.Empty);
        Assert.That(plan.Report[RulesetSection.Streams]["s"], Is.EqualTo("source s already exists with version (5), new version (4) is lower"));
    }

    [TestCase("CREATE STREAM s () WITH (DATASOURCE=\"s\", VERSION=\"4\")", true, "Replace s fails: do not support to change stream SHARED option.")]
    [TestCase("CREATE STREAM s () WITH (DATASOURCE=\"s\", SHARED=\"TRUE\", VERSION=\"4\")", true, "source s already exists with version (5), new version (4) is lower")]
    [TestCase("CREATE STREAM s () WITH (DATASOURCE=\"s\", SHARED=\"true\", VERSION=\"6\")", false, "Replace s fails: do not support to change stream SHARED option.")]
    [TestCase("CREATE STREAM s () WITH (DATASOURCE=\"s\", SHARED=\"false\", VERSION=\"6\")", false, null)]
    public void A_changed_SHARED_is_refused_before_the_version_is_compared(string sql, bool storedShared, string? error)
    {
        var stored = new StoreSnapshot(
            new Dictionary<string, (StreamKind, string?)> { ["s"] = (StreamKind.Stream, "5") },
            new Dictionary<string, string?>(),
            new HashSet<(ArtifactKind, string)>())
        {
            SharedStreams = storedShared ? new HashSet<string> { "s" } : new HashSet<string>(),
        };

        var plan = PlanWithoutRules(Document((RulesetSection.Streams, "s", sql)), ImportMode.Partial, stored);

        Assert.That(plan.Report[RulesetSection.Streams].GetValueOrDefault("s"), Is.EqualTo(error));
        Assert.That(plan.Streams, Has.Count.EqualTo(error is null ? 1 : 0));
    }

    [Test]
    public void A_stored_entry_of_the_other_kind_is_not_compared_as_in_eKuipers_replace()
    {
        var stored = new StoreSnapshot(
            new Dictionary<string, (StreamKind, string?)> { ["s"] = (StreamKind.Stream, "5") },
            new Dictionary<string, string?>(),
            new HashSet<(ArtifactKind, string)>());

        var plan = PlanWithoutRules(Document((RulesetSection.Tables, "s", "CREATE TABLE s () WITH (DATASOURCE=\"s\", SHARED=\"true\", VERSION=\"1\")")),
            ImportMode.Partial, stored);

        Assert.That(plan.Report.IsEmpty, Is.True);
        Assert.That(plan.Streams.Single().Kind, Is.EqualTo(StreamKind.Table));
    }

    [Test]
    public void Partial_import_leaves_existing_plugins_and_schemas_but_replaces_scripts()
    {
        var stored = new StoreSnapshot(
            new Dictionary<string, (StreamKind, string?)>(),
            new Dictionary<string, string?>(),
            new HashSet<(ArtifactKind, string)>
            {
                (ArtifactKind.NativePlugin, "sources_a"), (ArtifactKind.Schema, "protobuf_p"), (ArtifactKind.Script, "f"),
            });
        var document = Document(
            (RulesetSection.NativePlugins, "sources_a", "{\"name\":\"a\",\"file\":\"file:///a.zip\"}"),
            (RulesetSection.Schema, "protobuf_p", "{\"name\":\"p\",\"content\":\"message A {}\"}"),
            (RulesetSection.Scripts, "f", "{\"id\":\"f\",\"script\":\"function f(){}\"}"));

        var partial = PlanWithoutRules(document, ImportMode.Partial, stored);
        var reset = PlanWithoutRules(document, ImportMode.Reset, StoreSnapshot.Empty);

        Assert.That(partial.Artifacts.Select(a => a.Key), Is.EquivalentTo(new[] { "f" }));
        Assert.That(partial.Report.IsEmpty, Is.True);
        Assert.That(reset.Artifacts.Select(a => a.Key), Is.EquivalentTo(new[] { "sources_a", "protobuf_p", "f" }));
    }

    [Test]
    public void Rules_may_call_functions_that_installed_artifacts_declare_or_the_store_has()
    {
        var document = Document(
            (RulesetSection.Streams, "s", StreamS),
            (RulesetSection.Rules, "fromPlan", "{\"id\":\"fromPlan\",\"sql\":\"SELECT geo(a) FROM s\",\"actions\":[{\"log\":{}}]}"),
            (RulesetSection.Rules, "fromStore", "{\"id\":\"fromStore\",\"sql\":\"SELECT Mirror(a) FROM s\",\"actions\":[{\"log\":{}}]}"),
            (RulesetSection.Rules, "unknown", "{\"id\":\"unknown\",\"sql\":\"SELECT warp(a) FROM s\",\"actions\":[{\"log\":{}}]}"));
        var existing = StoreSnapshot.Empty with { Functions = [new DeclaredFunction("mirror", ArtifactKind.Service, "mirrors")] };

        var plan = PlanWithoutRules(document, ImportMode.Partial, existing);
        plan.DeclaredFunctions.Add(new DeclaredFunction("geo", ArtifactKind.NativePlugin, "functions_geo"));
        ImportPlanner.PlanRules(document, existing, plan);

        Assert.That(plan.Rules.Select(r => r.Id), Is.EquivalentTo(new[] { "fromPlan", "fromStore" }));
        Assert.That(plan.Report[RulesetSection.Rules]["unknown"], Is.EqualTo("function warp not found"));
    }

    [Test]
    public void Rules_may_write_to_sink_types_that_native_sink_plugins_add()
    {
        var document = Document(
            (RulesetSection.Streams, "s", StreamS),
            (RulesetSection.NativePlugins, "sinks_tdengine", "{\"name\":\"tdengine\",\"file\":\"file:///t.zip\"}"),
            (RulesetSection.Rules, "r", "{\"id\":\"r\",\"sql\":\"SELECT * FROM s\",\"actions\":[{\"tdengine\":{}}]}"),
            (RulesetSection.Rules, "q", "{\"id\":\"q\",\"sql\":\"SELECT * FROM s\",\"actions\":[{\"influxdb9\":{}}]}"));

        var plan = PlanAll(document, ImportMode.Reset, StoreSnapshot.Empty);

        Assert.That(plan.Rules.Select(r => r.Id), Is.EqualTo(new[] { "r" }));
        Assert.That(plan.Report[RulesetSection.Rules]["q"], Is.EqualTo("sink influxdb9 is not defined"));
    }

    [Test]
    public void A_large_rule_section_is_planned_and_reported_as_one_rule_at_a_time_would_be()
    {
        // Enough rules that they are checked on several threads; every seventh reads a stream that does not exist.
        static string Rule(int i) =>
            $"{{\"id\":\"r{i:D4}\",\"sql\":\"SELECT * FROM {(i % 7 == 0 ? "missing" : "s")}\",\"actions\":[{{\"log\":{{}}}}]}}";
        var entries = Enumerable.Range(0, 600)
            .Select(i => (RulesetSection.Rules, $"r{i:D4}", Rule(i)))
            .Prepend((RulesetSection.Streams, "s", StreamS))
            .ToArray();
        var document = Document(entries);

        var plan = PlanAll(document, ImportMode.Reset, StoreSnapshot.Empty);

        var expectedValid = document[RulesetSection.Rules].Keys.Where(k => int.Parse(k[1..]) % 7 != 0).ToList();
        Assert.That(plan.Rules.Select(r => r.Id), Is.EqualTo(expectedValid));
        var alone = PlanAll(Document((RulesetSection.Streams, "s", StreamS), (RulesetSection.Rules, "r0000", Rule(0))),
            ImportMode.Reset, StoreSnapshot.Empty).Report[RulesetSection.Rules]["r0000"];
        var reported = plan.Report[RulesetSection.Rules];
        Assert.That(reported.Keys, Is.EquivalentTo(Enumerable.Range(0, 600).Where(i => i % 7 == 0).Select(i => $"r{i:D4}")));
        Assert.That(reported["r0007"], Is.EqualTo(alone.Replace("r0000", "r0007")));
    }
}
