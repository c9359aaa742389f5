using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Rules;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Domain.Sql;

namespace Ekuiper.Domain.Tests.Rules;

public sealed class RulesetClosureTests
{
    private static StreamDefinition Stream(string name, string type = "mqtt", string confKey = "default", string? schemaId = null,
        StreamKind kind = StreamKind.Stream) =>
        new() { Name = name, Kind = kind, Statement = $"CREATE STREAM {name} ()", SourceType = type, ConfKey = confKey, SchemaId = schemaId };

    private static RuleDefinition Rule(string id, string sql, string actions = "[{\"log\":{}}]") =>
        new() { Id = id, Json = $"{{\"id\":\"{id}\",\"sql\":\"{sql}\",\"actions\":{actions}}}" };

    private static ConfigKey Config(ConfigCategory category, string type, string name, string props = "{}") =>
        new() { Category = category, PluginType = type, Name = name, PropertiesJson = props };

    private static ArtifactDefinition Artifact(ArtifactKind kind, string key, string json = "{}") => new() { Kind = kind, Key = key, Json = json };

    private static Domain.Ruleset.Ruleset Closure(IReadOnlyList<RuleDefinition> rules, IReadOnlyList<StreamDefinition> streams,
        IReadOnlyList<ConfigKey> configs, IReadOnlyList<ArtifactDefinition> artifacts, IReadOnlyList<DeclaredFunction> functions) =>
        RulesetClosure.Compute(rules, RulesetClosure.Analyze(rules), streams, configs, artifacts, functions);

    [Test]
    public void Takes_exactly_what_the_chosen_rule_needs()
    {
        var r1 = Rule("r1", "SELECT area(a, b), geo(c) FROM s1 INNER JOIN t1 ON s1.k = t1.k",
            "[{\"tdengine\":{\"resourceId\":\"db\"}},{\"log\":{}}]");
        var streams = new[]
        {
            Stream("s1", "random", "fast", schemaId: "proto1.Reading"),
            Stream("t1", "file", kind: StreamKind.Table),
            Stream("s2"),
            Stream("s3", "random"),
        };
        var configs = new[]
        {
            Config(ConfigCategory.Source, "random", "fast", "{\"connectionSelector\":\"shared\"}"),
            Config(ConfigCategory.Source, "random", "slow"),
            Config(ConfigCategory.Source, "file", "default"),
            Config(ConfigCategory.Source, "mqtt", "default"),
            Config(ConfigCategory.Sink, "tdengine", "db"),
            Config(ConfigCategory.Sink, "tdengine", "other"),
            Config(ConfigCategory.Connection, "random", "shared"),
            Config(ConfigCategory.Connection, "mqtt", "unused"),
        };
        var artifacts = new[]
        {
            Artifact(ArtifactKind.NativePlugin, "sources_random"),
            Artifact(ArtifactKind.NativePlugin, "sinks_tdengine"),
            Artifact(ArtifactKind.NativePlugin, "functions_geo"),
            Artifact(ArtifactKind.NativePlugin, "functions_image"),
            Artifact(ArtifactKind.NativePlugin, "sinks_influx"),
            Artifact(ArtifactKind.Script, "area"),
            Artifact(ArtifactKind.Script, "volume"),
            Artifact(ArtifactKind.Schema, "protobuf_proto1"),
            Artifact(ArtifactKind.Schema, "protobuf_proto2"),
            Artifact(ArtifactKind.Upload, "a.txt"),
        };

        DeclaredFunction[] functions =
        [
            new("geo", ArtifactKind.NativePlugin, "functions_geo"), new("image", ArtifactKind.NativePlugin, "functions_image"),
            new("area", ArtifactKind.Script, "area"), new("volume", ArtifactKind.Script, "volume"),
        ];

        var closure = Closure([r1], streams, configs, artifacts, functions);

        Assert.That(closure[RulesetSection.Rules].Keys, Is.EqualTo(new[] { "r1" }));
        Assert.That(closure[RulesetSection.Streams].Keys, Is.EqualTo(new[] { "s1" }));
        Assert.That(closure[RulesetSection.Tables].Keys, Is.EqualTo(new[] { "t1" }));
        Assert.That(closure[RulesetSection.SourceConfig]["random"], Is.EqualTo("{\"fast\":{\"connectionSelector\":\"shared\"}}"));
        Assert.That(closure[RulesetSection.SourceConfig]["file"], Is.EqualTo("{\"default\":{}}"));
        Assert.That(closure[RulesetSection.SourceConfig].ContainsKey("mqtt"), Is.False);
        Assert.That(closure[RulesetSection.SinkConfig]["tdengine"], Is.EqualTo("{\"db\":{}}"));
        Assert.That(closure[RulesetSection.ConnectionConfig]["random"], Is.EqualTo("{\"shared\":{}}"));
        Assert.That(closure[RulesetSection.NativePlugins].Keys, Is.EquivalentTo(new[] { "sources_random", "sinks_tdengine", "functions_geo" }));
        Assert.That(closure[RulesetSection.Scripts].Keys, Is.EqualTo(new[] { "area" }));
        Assert.That(closure[RulesetSection.Schema].Keys, Is.EqualTo(new[] { "protobuf_proto1" }));
        Assert.That(closure[RulesetSection.Uploads], Is.Empty);
    }

    [Test]
    public void A_connection_selected_as_type_dot_name_is_followed()
    {
        var closure = Closure(
            [Rule("r", "SELECT * FROM s")],
            [Stream("s")],
            [Config(ConfigCategory.Source, "mqtt", "default", "{\"connectionSelector\":\"mqtt.local\"}"), Config(ConfigCategory.Connection, "mqtt", "local")],
            [], []);

        Assert.That(closure[RulesetSection.ConnectionConfig]["mqtt"], Is.EqualTo("{\"local\":{}}"));
    }
}
