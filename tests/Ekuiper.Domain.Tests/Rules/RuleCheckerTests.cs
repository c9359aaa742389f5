using Ekuiper.Domain.Rules;
using Ekuiper.Domain.Sql;

namespace Ekuiper.Domain.Tests.Rules;

public sealed class RuleCheckerTests
{
    private static readonly RuleCheckContext Context = new(
        new HashSet<string> { "demo", "lookup" }.Contains,
        new HashSet<string> { "area", "geohash" },
        new HashSet<string> { "tdengine" });

    private static string Rule(string sql, string actions = "[{\"log\":{}}]") =>
        $"{{\"id\":\"r\",\"sql\":{System.Text.Json.JsonSerializer.Serialize(sql)},\"actions\":{actions}}}";

    private static string? Check(string json) => RuleChecker.AnalyzeAndCheck(json, Context, out _);

    [TestCase("SELECT * FROM demo")]
    [TestCase("SELECT temperature, humidity FROM demo WHERE temperature > 30 AND humidity < 80")]
    [TestCase("SELECT avg(temperature) AS t, window_start() FROM demo GROUP BY TUMBLINGWINDOW(ss, 10)")]
    [TestCase("SELECT count(*) FROM demo GROUP BY HOPPINGWINDOW(ss, 10, 5) FILTER (WHERE temperature > 20)")]
    [TestCase("SELECT demo.a, lookup.b FROM demo INNER JOIN lookup ON demo.id = lookup.id")]
    [TestCase("SELECT CASE WHEN a > 1 THEN 'hi' ELSE 'lo' END AS level FROM demo")]
    [TestCase("SELECT meta(topic) AS topic, payload->device.name, arr[0], arr[1:3] FROM demo")]
    [TestCase("SELECT area(w, h), geohash(lat, lon), lower(name) FROM demo ORDER BY name DESC LIMIT 10")]
    [TestCase("SELECT * FROM demo WHERE a IN (1, 2) AND b NOT BETWEEN 1 AND 5 AND c LIKE 'x%'")]
    public void Real_world_rules_pass(string sql)
    {
        Assert.That(Check(Rule(sql)), Is.Null);
    }

    [Test]
    public void A_missing_stream_is_named()
    {
        Assert.That(Check(Rule("SELECT * FROM nope")), Is.EqualTo("fail to get stream nope, please check if stream is created"));
    }

    [Test]
    public void A_missing_joined_table_is_named()
    {
        Assert.That(Check(Rule("SELECT * FROM demo LEFT JOIN other ON demo.a = other.a")),
            Is.EqualTo("fail to get stream other, please check if stream is created"));
    }

    [Test]
    public void An_unknown_function_is_named()
    {
        Assert.That(Check(Rule("SELECT frobnicate(a) FROM demo")), Is.EqualTo("function frobnicate not found"));
    }

    [Test]
    public void Function_names_are_case_insensitive()
    {
        Assert.That(Check(Rule("SELECT UPPER(a), Area(b, c) FROM demo")), Is.Null);
    }

    [Test]
    public void A_syntax_error_gives_the_parser_message()
    {
        var error = Check(Rule("SELECT * FROMS demo"));

        Assert.That(error, Is.Not.Null);
        Assert.That(error, Does.Contain("FROMS"));
    }

    [Test]
    public void An_unknown_sink_type_is_named_and_plugin_sinks_are_known()
    {
        Assert.That(Check(Rule("SELECT * FROM demo", "[{\"nosuchsink\":{}}]")), Is.EqualTo("sink nosuchsink is not defined"));
        Assert.That(Check(Rule("SELECT * FROM demo", "[{\"tdengine\":{}},{\"mqtt\":{\"topic\":\"x\"}}]")), Is.Null);
    }

    [TestCase("[{\"log\":{},\"mqtt\":{}}]", "action 0 must be an object with exactly one key, the sink type, e.g. {\"log\":{}}")]
    [TestCase("[{}]", "action 0 must be an object with exactly one key, the sink type, e.g. {\"log\":{}}")]
    [TestCase("[{\"log\":{}},{\"mqtt\":5}]", "the properties of action 1 (mqtt) must be an object")]
    public void Actions_must_each_name_one_sink(string actions, string message)
    {
        Assert.That(Check(Rule("SELECT * FROM demo", actions)), Is.EqualTo(message));
    }

    [Test]
    public void Dependencies_list_sources_functions_sinks_resources_and_schemas()
    {
        var json = Rule("SELECT area(a, b), lower(c) FROM demo INNER JOIN lookup ON demo.k = lookup.k",
            "[{\"mqtt\":{\"resourceId\":\"broker\",\"schemaId\":\"proto1.Msg\"}},{\"log\":{}}]");

        Assert.That(RuleAnalysis.TryAnalyze(json, out var dependencies, out var error), Is.True, error);

        Assert.That(dependencies.Sources, Is.EqualTo(new[] { "demo", "lookup" }));
        Assert.That(dependencies.Functions, Is.EquivalentTo(new[] { "area", "lower" }));
        Assert.That(dependencies.SinkTypes, Is.EqualTo(new[] { "mqtt", "log" }));
        Assert.That(dependencies.SinkResources, Is.EqualTo(new[] { new SinkResource("mqtt", "broker") }));
        Assert.That(dependencies.SchemaIds, Is.EqualTo(new[] { "proto1.Msg" }));
        Assert.That(dependencies.ConnectionSelectors, Is.Empty);
    }

    [Test]
    public void The_connections_actions_select_are_listed_once_each()
    {
        var json = Rule("SELECT * FROM demo",
            "[{\"mqtt\":{\"connectionSelector\":\"conn1\"}},{\"kafka\":{\"connectionSelector\":\"conn1\"}},{\"mqtt\":{\"connectionSelector\":\"\"}}]");

        Assert.That(RuleAnalysis.TryAnalyze(json, out var dependencies, out var error), Is.True, error);

        Assert.That(dependencies.ConnectionSelectors, Is.EqualTo(new[] { "conn1" }));
    }
}

public sealed class GraphRuleTests
{
    private static readonly RuleCheckContext Context = new(
        new HashSet<string> { "demo" }.Contains,
        new HashSet<string>(), new HashSet<string>());

    private const string Valid = """
        {"id":"g","graph":{"nodes":{
          "src":{"type":"source","nodeType":"mqtt","props":{"sourceType":"stream","sourceName":"demo"}},
          "f":{"type":"operator","nodeType":"filter","props":{"expr":"a > 1"}},
          "out":{"type":"sink","nodeType":"mqtt","props":{"topic":"x","resourceId":"b"}}},
          "topo":{"sources":["src"],"edges":{"src":["f"],"f":["out"]}}}}
        """;

    [Test]
    public void A_well_formed_graph_passes_and_lists_its_source_and_sink()
    {
        Assert.That(RuleChecker.AnalyzeAndCheck(Valid, Context, out var dependencies), Is.Null);
        Assert.That(dependencies.Sources, Is.EqualTo(new[] { "demo" }));
        Assert.That(dependencies.SinkResources, Is.EqualTo(new[] { new SinkResource("mqtt", "b") }));
        Assert.That(RuleChecker.AnalyzeAndCheck(Valid.Replace("\"resourceId\":\"b\"", "\"connectionSelector\":\"c1\""), Context, out var selecting), Is.Null);
        Assert.That(selecting.ConnectionSelectors, Is.EqualTo(new[] { "c1" }));
    }

    [TestCase("\"sourceName\":\"demo\"", "\"sourceName\":\"ghost\"", "fail to get stream ghost, please check if stream is created")]
    [TestCase("\"nodeType\":\"filter\"", "\"nodeType\":\"teleport\"", "unknown operator type teleport")]
    [TestCase("\"type\":\"operator\"", "\"type\":\"widget\"", "unknown node type widget")]
    [TestCase("\"sources\":[\"src\"]", "\"sources\":[\"nope\"]", "source node nope not defined")]
    [TestCase("\"sources\":[\"src\"]", "\"sources\":[\"f\"]", "source f is not a source type node")]
    [TestCase("\"f\":[\"out\"]", "\"f\":[\"missing\"]", "node missing is not defined")]
    [TestCase("\"nodeType\":\"mqtt\",\"props\":{\"topic\"", "\"nodeType\":\"warp\",\"props\":{\"topic\"", "sink warp is not defined")]
    public void Broken_graphs_are_refused_in_eKuipers_words(string find, string replace, string message)
    {
        Assert.That(RuleChecker.AnalyzeAndCheck(Valid.Replace(find, replace), Context, out _), Is.EqualTo(message));
    }
}
