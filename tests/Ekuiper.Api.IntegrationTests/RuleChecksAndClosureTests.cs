using System.Net.Http.Json;
using System.Text.Json;

namespace Ekuiper.Api.IntegrationTests;

public sealed class RuleChecksAndClosureTests : ServerTest
{
    private const string Demo = "CREATE STREAM demo (temperature float, humidity bigint) WITH (DATASOURCE=\"devices/+/messages\", FORMAT=\"JSON\")";

    private static string Rule(string id, string sql, string actions = "[{\"log\":{}}]") =>
        $"{{\"id\":\"{id}\",\"sql\":{JsonSerializer.Serialize(sql)},\"actions\":{actions}}}";

    private static JsonElement Report(JsonElement errorBody) => JsonDocument.Parse(errorBody.GetProperty("message").GetString()!).RootElement;

    [TestCase("")]
    [TestCase("?partial=1")]
    public async Task Missing_stream_syntax_error_and_unknown_function_are_each_reported_and_the_rest_lands(string query)
    {
        var document = EkuiperClient.Document(
            ("streams", "demo", Demo),
            ("rules", "good", Rule("good", "SELECT avg(temperature) FROM demo GROUP BY TUMBLINGWINDOW(ss, 10)")),
            ("rules", "nostream", Rule("nostream", "SELECT * FROM ghost")),
            ("rules", "syntax", Rule("syntax", "SELECT * FROMS demo")),
            ("rules", "nofunc", Rule("nofunc", "SELECT teleport(temperature) FROM demo")));

        var (status, body) = await Client.ImportContentAsync(document, query).ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        var rules = Report(body).GetProperty("rules");
        Assert.That(rules.GetProperty("nostream").GetString(), Is.EqualTo("fail to get stream ghost, please check if stream is created"));
        Assert.That(rules.GetProperty("syntax").GetString(), Does.Contain("FROMS"));
        Assert.That(rules.GetProperty("nofunc").GetString(), Is.EqualTo("function teleport not found"));
        Assert.That(rules.TryGetProperty("good", out _), Is.False);

        var (_, importStatus) = await Client.GetAsync("/data/import/status").ReadAsync();
        Assert.That(importStatus.GetProperty("rules").GetProperty("nofunc").GetString(), Is.EqualTo("function teleport not found"));
        var export = await Client.ExportSectionsAsync();
        Assert.That(export["rules"].Keys, Is.EqualTo(new[] { "good" }));
        Assert.That(export["streams"].Keys, Is.EqualTo(new[] { "demo" }));
    }

    [Test]
    public async Task A_partial_import_may_use_streams_and_scripts_already_stored()
    {
        await Client.ImportContentAsync(EkuiperClient.Document(
            ("streams", "demo", Demo),
            ("scripts", "area", "{\"id\":\"area\",\"description\":\"\",\"script\":\"function area(x, y) { return x * y; }\",\"isAgg\":false}")));

        var (status, body) = await Client.ImportContentAsync(
            EkuiperClient.Document(("rules", "r", Rule("r", "SELECT area(temperature, humidity) FROM demo"))), "?partial=1").ReadAsync();

        Assert.That(status, Is.EqualTo(200), body.ToString());
    }

    [Test]
    public async Task Real_world_rules_import()
    {
        var document = EkuiperClient.Document(
            ("streams", "demo", Demo),
            ("streams", "events", "CREATE STREAM events (id bigint, payload struct(device string, vals array(float))) WITH (DATASOURCE=\"ev\", FORMAT=\"json\", TIMESTAMP=\"ts\")"),
            ("tables", "devices", "CREATE TABLE devices (id bigint, name string) WITH (DATASOURCE=\"devices.json\", TYPE=\"file\", KIND=\"scan\")"),
            ("rules", "window", Rule("window", "SELECT avg(temperature) AS t, max(humidity), window_start() AS ws FROM demo GROUP BY HOPPINGWINDOW(ss, 20, 10) FILTER(WHERE humidity > 10) HAVING avg(temperature) > 20")),
            ("rules", "join", Rule("join", "SELECT events.id, devices.name, events.payload->device FROM events INNER JOIN devices ON events.id = devices.id WHERE events.payload.vals[0] > 1.5")),
            ("rules", "case", Rule("case", "SELECT CASE WHEN temperature > 30 THEN 'hot' WHEN temperature < 0 THEN 'cold' ELSE 'ok' END AS level, meta(topic) AS topic FROM demo")),
            ("rules", "limit", Rule("limit", "SELECT temperature FROM demo GROUP BY COUNTWINDOW(5) ORDER BY temperature DESC LIMIT 3", "[{\"mqtt\":{\"server\":\"tcp://127.0.0.1:1883\",\"topic\":\"out\"}},{\"rest\":{\"url\":\"http://127.0.0.1/x\"}}]")),
            ("rules", "graph", "{\"id\":\"graph\",\"graph\":{\"nodes\":{\"src\":{\"type\":\"source\",\"nodeType\":\"mqtt\",\"props\":{\"sourceType\":\"stream\",\"sourceName\":\"demo\"}},\"f\":{\"type\":\"operator\",\"nodeType\":\"filter\",\"props\":{\"expr\":\"temperature > 30\"}},\"out\":{\"type\":\"sink\",\"nodeType\":\"log\",\"props\":{}}},\"topo\":{\"sources\":[\"src\"],\"edges\":{\"src\":[\"f\"],\"f\":[\"out\"]}}}}"));

        var (status, body) = await Client.ImportContentAsync(document).ReadAsync();

        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That((await Client.ExportSectionsAsync())["rules"].Count, Is.EqualTo(5));
    }

    [Test]
    public async Task Exporting_one_rule_gives_exactly_its_closure_which_imports_cleanly_into_an_empty_server()
    {
        var store = EkuiperClient.Document(
            ("streams", "s1", "CREATE STREAM s1 (a float) WITH (DATASOURCE=\"t1\", CONF_KEY=\"fast\")"),
            ("streams", "s2", "CREATE STREAM s2 () WITH (DATASOURCE=\"t2\")"),
            ("streams", "s3", "CREATE STREAM s3 () WITH (DATASOURCE=\"t3\", TYPE=\"httppull\")"),
            ("tables", "t1", "CREATE TABLE t1 (k bigint) WITH (DATASOURCE=\"t.json\", TYPE=\"file\")"),
            ("rules", "r1", Rule("r1", "SELECT area(s1.a, 2), lower('X') FROM s1 INNER JOIN t1 ON s1.a = t1.k", "[{\"mqtt\":{\"resourceId\":\"broker\"}}]")),
            ("rules", "r2", Rule("r2", "SELECT * FROM s2")),
            ("rules", "r3", Rule("r3", "SELECT volume(1) FROM s3")),
            ("sourceConfig", "mqtt", "{\"fast\":{\"qos\":1,\"connectionSelector\":\"local\"},\"default\":{\"qos\":0}}"),
            ("sourceConfig", "httppull", "{\"default\":{\"url\":\"http://127.0.0.1\"}}"),
            ("sinkConfig", "mqtt", "{\"broker\":{\"topic\":\"out\"},\"other\":{\"topic\":\"x\"}}"),
            ("connectionConfig", "mqtt", "{\"local\":{\"server\":\"tcp://127.0.0.1:1883\"},\"far\":{\"server\":\"tcp://10.0.0.1:1883\"}}"),
            ("scripts", "area", "{\"id\":\"area\",\"description\":\"\",\"script\":\"function area(x, y) { return x * y; }\",\"isAgg\":false}"),
            ("scripts", "volume", "{\"id\":\"volume\",\"description\":\"\",\"script\":\"function volume(x) { return x * x * x; }\",\"isAgg\":false}"));
        var (importStatus, importBody) = await Client.ImportContentAsync(store).ReadAsync();
        Assert.That(importStatus, Is.EqualTo(200), importBody.ToString());

        using var response = await Client.PostAsJsonAsync("/data/export", new[] { "r1" });
        var closureText = await response.Content.ReadAsStringAsync();
        var closure = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(closureText)!;

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Content.Headers.ContentDisposition?.FileName, Is.EqualTo("ekuiper_export.json"));
        Assert.That(closure.Count, Is.EqualTo(12));
        Assert.That(closure["rules"].Keys, Is.EqualTo(new[] { "r1" }));
        Assert.That(closure["streams"].Keys, Is.EqualTo(new[] { "s1" }));
        Assert.That(closure["tables"].Keys, Is.EqualTo(new[] { "t1" }));
        Assert.That(closure["sourceConfig"].Keys, Is.EqualTo(new[] { "mqtt" }));
        Assert.That(closure["sourceConfig"]["mqtt"], Is.EqualTo("{\"fast\":{\"qos\":1,\"connectionSelector\":\"local\"}}"));
        Assert.That(closure["sinkConfig"]["mqtt"], Is.EqualTo("{\"broker\":{\"topic\":\"out\"}}"));
        Assert.That(closure["connectionConfig"]["mqtt"], Is.EqualTo("{\"local\":{\"server\":\"tcp://127.0.0.1:1883\"}}"));
        Assert.That(closure["scripts"].Keys, Is.EqualTo(new[] { "area" }));

        using var empty = new EkuiperApiFactory();
        using var emptyClient = empty.CreateClient();
        var (status, body) = await emptyClient.ImportContentAsync(closureText).ReadAsync();
        Assert.That(status, Is.EqualTo(200), body.ToString());
    }

    [Test]
    public async Task Exporting_an_unknown_rule_is_not_found()
    {
        var (status, body) = await Client.PostAsJsonAsync("/data/export", new[] { "ghost" }).ReadAsync();

        Assert.That(status, Is.EqualTo(404));
        Assert.That(body.GetProperty("error").GetInt32(), Is.EqualTo(1002));
        Assert.That(body.GetProperty("message").GetString(), Is.EqualTo("rule ghost is not found"));
    }

    [TestCase("{\"a\":1}")]
    [TestCase("[]")]
    [TestCase("[\"\"]")]
    [TestCase("[5]")]
    public async Task A_chosen_rules_export_with_a_bad_body_is_refused(string body)
    {
        var (status, error) = await Client.PostAsync("/data/export", new StringContent(body)).ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        Assert.That(error.GetProperty("error").GetInt32(), Is.EqualTo(1000));
        Assert.That(error.GetProperty("message").GetString(), Does.StartWith("Invalid body"));
    }
}
