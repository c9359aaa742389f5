using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset.Validation;
using Ekuiper.Domain.Sql;

namespace Ekuiper.Domain.Tests.Ruleset;

public sealed class StreamEntryValidatorTests
{
    [Test]
    public void A_stream_statement_named_as_its_key_is_accepted_with_its_options()
    {
        const string sql = "CREATE STREAM demo (a bigint) WITH (DATASOURCE=\"t\", TYPE=\"httppull\", CONF_KEY=\"k\", VERSION=\"2\", SCHEMAID=\"p.m\")";

        var result = StreamEntryValidator.Validate(StreamKind.Stream, "demo", sql);

        Assert.That(result.IsValid, Is.True, result.Error);
        Assert.That(result.Value!.Statement, Is.EqualTo(sql));
        Assert.That(result.Value.SourceType, Is.EqualTo("httppull"));
        Assert.That(result.Value.ConfKey, Is.EqualTo("k"));
        Assert.That(result.Value.Version, Is.EqualTo("2"));
        Assert.That(result.Value.SchemaId, Is.EqualTo("p.m"));
    }

    [Test]
    public void Source_type_and_conf_key_default_to_mqtt_and_default()
    {
        var result = StreamEntryValidator.Validate(StreamKind.Stream, "demo", "CREATE STREAM demo () WITH (DATASOURCE=\"t\")");

        Assert.That(result.Value!.SourceType, Is.EqualTo("mqtt"));
        Assert.That(result.Value.ConfKey, Is.EqualTo("default"));
        Assert.That(result.Value.Version, Is.Null);
    }

    [Test]
    public void The_seed_table_with_trailing_comma_and_semicolon_is_accepted()
    {
        const string sql = "\n CREATE TABLE T110\n (\n S1 string\n )\n WITH (DATASOURCE=\"test.json\", FORMAT=\"json\", TYPE=\"file\", KIND=\"scan\", );\n ";

        Assert.That(StreamEntryValidator.Validate(StreamKind.Table, "T110", sql).IsValid, Is.True);
    }

    [TestCase(StreamKind.Stream, "demo", "CREATE STwREAM demo () WITH (DATASOURCE=\"t\")", "found \"STWREAM\", expected keyword stream or table.")]
    [TestCase(StreamKind.Stream, "demo", "CREATE TABLE demo () WITH (DATASOURCE=\"t\")", "Invalid stream statement: it creates a table, but entries under streams must create a stream.")]
    [TestCase(StreamKind.Table, "t", "CREATE STREAM t () WITH (DATASOURCE=\"t\")", "Invalid table statement: it creates a stream, but entries under tables must create a table.")]
    [TestCase(StreamKind.Stream, "demo", "CREATE STREAM other () WITH (DATASOURCE=\"t\")", "Replace demo fails: the sql statement must update the demo source.")]
    [TestCase(StreamKind.Stream, "demo", "CREATE STREAM demo () WITH (DATASOURCE=\"t\", TEMP=\"true\")", "Replace demo fails: cannot replace with temp option.")]
    public void Bad_statements_are_refused_with_a_clear_message(StreamKind kind, string key, string sql, string message)
    {
        var result = StreamEntryValidator.Validate(kind, key, sql);

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Error, Is.EqualTo(message));
    }

    [TestCase("TEMP=\"true\"")]
    [TestCase("TEMP=TRUE")]
    public void A_create_accepts_TEMP_which_a_replace_refuses(string temp)
    {
        var sql = $"CREATE STREAM demo () WITH (DATASOURCE=\"t\", {temp})";

        Assert.That(StreamEntryValidator.Validate(StreamKind.Stream, "demo", sql, acceptsTemp: true).IsValid, Is.True);
        Assert.That(StreamEntryValidator.Validate(StreamKind.Stream, "demo", sql).Error,
            Is.EqualTo("Replace demo fails: cannot replace with temp option."));
    }

    [TestCase("CREATE STREAM s () WITH (SHARED=\"true\")", true)]
    [TestCase("CREATE STREAM s () WITH (shared=TRUE)", true)]
    [TestCase("CREATE STREAM s () WITH (\"\\x53\\x48\\x41\\x52\\x45\\x44\"=\"True\")", true)]
    [TestCase("CREATE STREAM s () WITH (SHARED=\"false\")", false)]
    [TestCase("CREATE STREAM s () WITH (DATASOURCE=\"shared\")", false)]
    [TestCase("CREATE STREAM s () WITH (DATASOURCE=\"t\")", false)]
    [TestCase("CREATE STREAM s (", false)]
    public void SHARED_is_on_only_when_set_true_in_any_case(string sql, bool shared)
    {
        Assert.That(StreamEntryValidator.IsShared(sql), Is.EqualTo(shared));
    }

    [TestCase("CREATE STREAM s () WITH (SHARED=\"true\")", true)]
    [TestCase("create stream s () with (ſhared=\"true\")", true)]
    [TestCase("CREATE STREAM s () WITH (\"\\x53\\x48\\x41\\x52\\x45\\x44\"=\"true\")", true)]
    [TestCase("CREATE STREAM s () WITH (DATASOURCE=\"t\")", false)]
    public void Only_a_text_without_the_letters_of_SHARED_or_a_backslash_is_known_not_to_set_it(string sql, bool may)
    {
        Assert.That(StreamEntryValidator.MayNameShared(sql), Is.EqualTo(may));
    }
}

public sealed class RuleEntryValidatorTests
{
    [Test]
    public void A_sql_rule_with_actions_is_accepted_and_kept_as_written()
    {
        const string json = "{\"id\": \"r1\",\"sql\": \"SELECT * FROM demo\",\"actions\": [{\"log\": {}}], \"triggered\": false, \"version\": \"3\"}";

        var result = RuleEntryValidator.Validate("r1", json);

        Assert.That(result.IsValid, Is.True, result.Error);
        Assert.That(result.Value!.Json, Is.EqualTo(json));
        Assert.That(result.Value.Triggered, Is.False);
        Assert.That(result.Value.Version, Is.EqualTo("3"));
    }

    [Test]
    public void Triggered_defaults_to_true()
    {
        var result = RuleEntryValidator.Validate("r1", "{\"id\":\"r1\",\"sql\":\"SELECT 1 FROM s\",\"actions\":[{\"log\":{}}]}");

        Assert.That(result.Value!.Triggered, Is.True);
    }

    [Test]
    public void A_graph_rule_needs_no_actions()
    {
        var result = RuleEntryValidator.Validate("g", "{\"id\":\"g\",\"graph\":{\"nodes\":{},\"topo\":{}}}");

        Assert.That(result.IsValid, Is.True, result.Error);
    }

    [TestCase("{\"sql\":\"SELECT * FROM s\",\"actions\":[{\"log\":{}}]}", "Missing rule id.")]
    [TestCase("{\"id\":\"\",\"sql\":\"SELECT * FROM s\",\"actions\":[{\"log\":{}}]}", "Missing rule id.")]
    [TestCase("{\"id\":\"other\",\"sql\":\"SELECT * FROM s\",\"actions\":[{\"log\":{}}]}", "RuleId is not consistent with rule id.")]
    [TestCase("{\"id\":\"r1\",\"sql\":\"SELECT * FROM s\"}", "Missing rule actions.")]
    [TestCase("{\"id\":\"r1\",\"sql\":\"SELECT * FROM s\",\"actions\":[]}", "Missing rule actions.")]
    [TestCase("{\"id\":\"r1\"}", "Rule r1 has neither sql nor graph.")]
    [TestCase("{\"id\":\"r1\",\"sql\":\"\",\"actions\":[{\"log\":{}}]}", "Rule r1 has neither sql nor graph.")]
    [TestCase("{\"id\":\"r1\",\"sql\":\"SELECT * FROM s\",\"graph\":{},\"actions\":[{\"log\":{}}]}", "Rule r1 has both sql and graph.")]
    [TestCase("{\"id\":5,\"sql\":\"SELECT * FROM s\"}", "Parse rule {\"id\":5,\"sql\":\"SELECT * FROM s\"} error : json: cannot unmarshal number into Go struct field Rule.id of type string.")]
    [TestCase("{\"id\":\"r1\",\"sql\":\"SELECT * FROM s\",\"actions\":{\"log\":{}}}", "Parse rule {\"id\":\"r1\",\"sql\":\"SELECT * FROM s\",\"actions\":{\"log\":{}}} error : json: cannot unmarshal object into Go struct field Rule.actions of type []map[string]interface {}.")]
    [TestCase("{\"id\":\"r1\",\"sql\":\"SELECT * FROM s\",\"actions\":[\"log\"]}", "Parse rule {\"id\":\"r1\",\"sql\":\"SELECT * FROM s\",\"actions\":[\"log\"]} error : json: cannot unmarshal string into Go struct field Rule.actions of type map[string]interface {}.")]
    [TestCase("{\"id\":\"r1\",\"sql\":\"SELECT * FROM s\",\"actions\":[{\"log\":{}}],\"triggered\":\"yes\"}", "Parse rule {\"id\":\"r1\",\"sql\":\"SELECT * FROM s\",\"actions\":[{\"log\":{}}],\"triggered\":\"yes\"} error : json: cannot unmarshal string into Go struct field Rule.triggered of type bool.")]
    [TestCase("{\"sql\":1,\"id\":true}", "Parse rule {\"sql\":1,\"id\":true} error : json: cannot unmarshal number into Go struct field Rule.sql of type string.")]
    [TestCase("{\"id\":\"r1\"} x", "Parse rule {\"id\":\"r1\"} x error : invalid character 'x' after top-level value.")]
    [TestCase("", "Parse rule  error : unexpected end of JSON input.")]
    [TestCase("{\"id\":\"r1\",", "Parse rule {\"id\":\"r1\", error : unexpected end of JSON input.")]
    [TestCase("[1]", "Parse rule [1] error : json: cannot unmarshal array into Go value of type def.Rule.")]
    public void Malformed_rules_are_refused_with_eKuipers_message(string json, string message)
    {
        var result = RuleEntryValidator.Validate("r1", json);

        Assert.That(result.Error, Is.EqualTo(message));
    }

    [Test]
    public void Text_that_is_not_json_is_refused_as_a_parse_error()
    {
        var result = RuleEntryValidator.Validate("r1", "{id: r1");

        Assert.That(result.Error, Is.EqualTo("Parse rule {id: r1 error : invalid character 'i' looking for beginning of object key string."));
    }

    [Test]
    public void Ids_with_characters_eKuiper_refuses_are_refused()
    {
        var result = RuleEntryValidator.Validate("r 1", "{\"id\":\"r 1\",\"sql\":\"SELECT * FROM s\",\"actions\":[{\"log\":{}}]}");

        Assert.That(result.Error, Is.EqualTo("id 'r 1' contains invalid characters: only alphanumeric, hyphens and underscores are allowed"));
    }
}

public sealed class VersionPolicyTests
{
    [TestCase(null, null, true)]
    [TestCase("", "", true)]
    [TestCase(null, "1", true)]
    [TestCase("1", "2", true)]
    [TestCase("2", "1", false)]
    [TestCase("2", "2", false)]
    [TestCase("2", null, false)]
    [TestCase("1.0.9", "1.0.10", false)] // byte-wise, as eKuiper compares
    public void A_newer_version_replaces_an_older_one(string? stored, string? incoming, bool replaces)
    {
        Assert.That(VersionPolicy.CanReplace(stored, incoming), Is.EqualTo(replaces));
    }
}

public sealed class ConfigEntryValidatorTests
{
    [Test]
    public void Each_conf_key_becomes_one_compact_row()
    {
        var result = ConfigEntryValidator.Validate(ConfigCategory.Source, "mqtt",
            "{\"td\": {\"server\": \"tcp://a:1883\", \"qos\": 1.50}, \"test\": {}}");

        Assert.That(result.IsValid, Is.True, result.Error);
        Assert.That(result.Value!.Select(k => k.Name), Is.EqualTo(new[] { "td", "test" }));
        Assert.That(result.Value![0].PropertiesJson, Is.EqualTo("{\"server\":\"tcp://a:1883\",\"qos\":1.50}"));
        Assert.That(result.Value!.All(k => k.PluginType == "mqtt" && k.Category == ConfigCategory.Source), Is.True);
    }

    [Test]
    public void Composing_the_rows_gives_back_the_entry_with_sorted_keys()
    {
        var keys = ConfigEntryValidator.Validate(ConfigCategory.Sink, "edgex", "{\"z\":{\"a\":1},\"b\":{\"port\":6379}}").Value!;

        Assert.That(ConfigEntryComposer.Compose(keys), Is.EqualTo("{\"b\":{\"port\":6379},\"z\":{\"a\":1}}"));
    }

    [TestCase("[]", "expected a JSON object, found array")]
    [TestCase("{\"k\": 5}", "the properties of conf key k must be an object, found number")]
    [TestCase("{\"\": {}}", "a conf key name cannot be empty")]
    public void Wrong_shapes_are_refused(string json, string message)
    {
        Assert.That(ConfigEntryValidator.Validate(ConfigCategory.Connection, "mqtt", json).Error, Is.EqualTo(message));
    }
}

public sealed class ArtifactEntryValidatorTests
{
    [TestCase(ArtifactKind.NativePlugin, "functions_image", "{\"name\":\"image\",\"file\":\"https://h/p/image_amd64.zip\",\"shellParas\":[]}")]
    [TestCase(ArtifactKind.NativePlugin, "sources_random", "{\"name\":\"random\",\"file\":\"file:///tmp/random.zip\"}")]
    [TestCase(ArtifactKind.NativePlugin, "functions_geo", "{\"name\":\"geo\",\"file\":\"file:///tmp/geo.zip\",\"functions\":[\"a\",\"b\"]}")]
    [TestCase(ArtifactKind.PortablePlugin, "mirror", "{\"name\":\"mirror\",\"file\":\"http://127.0.0.1/m.zip\"}")]
    [TestCase(ArtifactKind.Service, "sample", "{\"name\":\"sample\",\"file\":\"file:///tmp/sample.zip\"}")]
    [TestCase(ArtifactKind.Schema, "protobuf_schema1", "{\"name\":\"schema1\",\"content\":\"message A {}\"}")]
    [TestCase(ArtifactKind.Schema, "custom_c1", "{\"name\":\"c1\",\"soFile\":\"file:///tmp/c1.so\"}")]
    [TestCase(ArtifactKind.Upload, "a.txt", "{\"name\":\"a.txt\",\"content\":\"hello\"}")]
    [TestCase(ArtifactKind.Script, "area", "{\"id\":\"area\",\"description\":\"calculate area\",\"script\":\"function area(x, y) { return x * y; }\",\"isAgg\":false}")]
    public void Well_formed_entries_are_accepted_as_written(ArtifactKind kind, string key, string json)
    {
        var result = ArtifactEntryValidator.Validate(kind, key, json);

        Assert.That(result.IsValid, Is.True, result.Error);
        Assert.That(result.Value!.Json, Is.EqualTo(json));
        Assert.That(result.Value.Key, Is.EqualTo(key));
    }

    [TestCase(ArtifactKind.NativePlugin, "image", "{\"name\":\"image\",\"file\":\"file:///a.zip\"}", "invalid plugin key image: must be sources_<name>, sinks_<name> or functions_<name>")]
    [TestCase(ArtifactKind.NativePlugin, "sources_a", "{\"name\":\"\",\"file\":\"file:///a.zip\"}", "invalid name : should not be empty")]
    [TestCase(ArtifactKind.NativePlugin, "sources_a", "{\"name\":\"b\",\"file\":\"file:///a.zip\"}", "invalid name b: the entry key sources_a names a")]
    [TestCase(ArtifactKind.NativePlugin, "sources_a", "{\"name\":\"a\",\"file\":\"ftp://x/a.zip\"}", "invalid uri ftp://x/a.zip: must be a file://, http:// or https:// URI of a .zip file")]
    [TestCase(ArtifactKind.NativePlugin, "sources_a", "{\"name\":\"a\",\"file\":\"file:///a.tar\"}", "invalid uri file:///a.tar: must be a file://, http:// or https:// URI of a .zip file")]
    [TestCase(ArtifactKind.NativePlugin, "sinks_a", "{\"name\":\"a\",\"file\":\"file:///a.zip\",\"functions\":[\"f\"]}", "invalid plugin sinks_a: only function plugins declare functions")]
    [TestCase(ArtifactKind.NativePlugin, "sources_a", "{\"name\":\"a\",\"file\":\"file:///a.zip\",\"shellParas\":\"x\"}", "field shellParas must be an array, found string")]
    [TestCase(ArtifactKind.Schema, "json_a", "{\"name\":\"a\",\"content\":\"x\"}", "invalid schema key json_a: must be protobuf_<name> or custom_<name>")]
    [TestCase(ArtifactKind.Schema, "protobuf_a", "{\"name\":\"a\"}", "must specify content or file")]
    [TestCase(ArtifactKind.Schema, "protobuf_a", "{\"name\":\"a\",\"content\":\"x\",\"file\":\"file:///a.proto\"}", "cannot specify both content and file")]
    [TestCase(ArtifactKind.Schema, "custom_a", "{\"name\":\"a\"}", "soFile is required")]
    [TestCase(ArtifactKind.Schema, "protobuf_a", "{\"content\":\"x\"}", "name is required")]
    [TestCase(ArtifactKind.Upload, "a.txt", "{\"name\":\"a.txt\"}", "invalid body: content or FilePath is required")]
    [TestCase(ArtifactKind.Upload, "a.txt", "{\"content\":\"x\"}", "invalid body: name is required")]
    [TestCase(ArtifactKind.Upload, "../../etc/x", "{\"name\":\"../../etc/x\",\"content\":\"x\"}", "invalid upload name ../../etc/x: must be a path under the uploads folder, of '/'-separated names without '..', '\\', ':' or control characters")]
    [TestCase(ArtifactKind.Upload, "a/../../x", "{\"name\":\"a/../../x\",\"content\":\"x\"}", "invalid upload name a/../../x: must be a path under the uploads folder, of '/'-separated names without '..', '\\', ':' or control characters")]
    [TestCase(ArtifactKind.Upload, "a", "{\"name\":\"b\",\"content\":\"x\"}", "invalid name b: the entry key is a")]
    [TestCase(ArtifactKind.Script, "area", "{\"description\":\"d\",\"script\":\"function area(){}\"}", "Missing script id.")]
    [TestCase(ArtifactKind.Script, "area", "{\"id\":\"size\",\"script\":\"function size(){}\"}", "Script id size is not consistent with the entry key area.")]
    [TestCase(ArtifactKind.Script, "area", "{\"id\":\"area\",\"script\":\"  \"}", "Script area has no script body.")]
    [TestCase(ArtifactKind.Script, "area", "{\"id\":\"area\",\"script\":\"function area(){}\",\"isAgg\":\"no\"}", "field isAgg must be a boolean, found string")]
    public void Malformed_entries_are_refused_with_a_clear_message(ArtifactKind kind, string key, string json, string message)
    {
        Assert.That(ArtifactEntryValidator.Validate(kind, key, json).Error, Is.EqualTo(message));
    }

    [TestCase(ArtifactKind.Service)]
    [TestCase(ArtifactKind.Script)]
    [TestCase(ArtifactKind.NativePlugin)]
    public void Entries_that_are_not_json_are_refused_with_the_decoder_reason(ArtifactKind kind)
    {
        var error = ArtifactEntryValidator.Validate(kind, "functions_x", "[1,").Error;

        Assert.That(error, Does.Contain("LineNumber: 0"));
    }
}
