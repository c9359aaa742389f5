using System.Text.Json;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>eKuiper's rule endpoints beyond create/read/update/delete: tags, bulk start/stop, status, runtime views.</summary>
public sealed class RuleTagAndRuntimeTests : ServerTest
{
    private const string Rule1 = """{"id": "rule1", "sql": "SELECT a > 1.50 FROM demo", "actions": [{"log": {}}]}""";

    [SetUp]
    public async Task CreateTheStreamAndRule()
    {
        await Client.CreateStreamAsync("CREATE STREAM demo (a BIGINT, b STRING) WITH (DATASOURCE=\"demo\")");
        Assert.That((await Client.CreateRuleAsync(Rule1).ReadTextAsync()).Status, Is.EqualTo(201));
    }

    private async Task<string> RuleText(string id = "rule1") => (await Client.GetAsync($"/rules/{id}").ReadTextAsync()).Text;

    [Test]
    public async Task Stop_and_start_rewrite_the_rule_as_eKuiper_re_marshals_it()
    {
        Assert.That(await Client.PostAsync("/rules/rule1/stop", null).ReadTextAsync(), Is.EqualTo((200, "Rule rule1 was stopped.")));
        Assert.That(await RuleText(), Is.EqualTo("""{"actions":[{"log":{}}],"id":"rule1","sql":"SELECT a \u003e 1.50 FROM demo","triggered":false}"""));

        var etag = await Client.ETagAsync();
        Assert.That(await Client.PostAsync("/rules/rule1/stop", null).ReadTextAsync(), Is.EqualTo((200, "Rule rule1 was stopped.")));
        Assert.That(await Client.ETagAsync(), Is.EqualTo(etag), "a second stop rewrites the same bytes");

        await Client.PostAsync("/rules/rule1/start", null);
        var expected = """{"actions":[{"log":{}}],"id":"rule1","sql":"SELECT a \u003e 1.50 FROM demo","triggered":true}""";
        Assert.That(await RuleText(), Is.EqualTo(expected));
        Assert.That((await Client.ExportSectionsAsync())["rules"]["rule1"], Is.EqualTo(expected));
    }

    [Test]
    public async Task Starting_a_running_rule_re_marshals_it_as_eKuiper_does()
    {
        await Client.PostAsync("/rules/rule1/start", null);

        Assert.That(await RuleText(), Is.EqualTo("""{"actions":[{"log":{}}],"id":"rule1","sql":"SELECT a \u003e 1.50 FROM demo","triggered":true}"""));
    }

    [Test]
    public async Task Tags_are_reset_added_and_removed_in_the_stored_rule_and_exported()
    {
        using var put = await Client.SendTextAsync(HttpMethod.Put, "/rules/rule1/tags", """{"tags":["t1","t2"]}""");
        Assert.That(((int)put.StatusCode, await put.Content.ReadAsStringAsync()), Is.EqualTo((200, "")));
        Assert.That(await RuleText(), Is.EqualTo("""{"actions":[{"log":{}}],"id":"rule1","sql":"SELECT a \u003e 1.50 FROM demo","tags":["t1","t2"]}"""));

        Assert.That((await Client.SendTextAsync(HttpMethod.Patch, "/rules/rule1/tags", """{"tags":["t2","t3","t3"]}""").ReadTextAsync()).Status, Is.EqualTo(200));
        Assert.That(JsonDocument.Parse(await RuleText()).RootElement.GetProperty("tags").ToString(), Is.EqualTo("""["t1","t2","t3","t3"]"""),
            "eKuiper appends every sent tag the rule did not have before");

        Assert.That((await Client.SendTextAsync(HttpMethod.Delete, "/rules/rule1/tags", """{"tags":["t3","t1"]}""").ReadTextAsync()).Status, Is.EqualTo(200));
        Assert.That(JsonDocument.Parse(await RuleText()).RootElement.GetProperty("tags").ToString(), Is.EqualTo("""["t2"]"""));
        Assert.That((await Client.ExportSectionsAsync())["rules"]["rule1"], Does.Contain("\"tags\":[\"t2\"]"));

        var (_, listed) = await Client.GetAsync("/rules").ReadAsync();
        Assert.That(listed[0].GetProperty("tags").ToString(), Is.EqualTo("""["t2"]"""));
    }

    [Test]
    public async Task Adding_tags_to_a_rule_without_any_starts_from_none()
    {
        await Client.SendTextAsync(HttpMethod.Patch, "/rules/rule1/tags", """{"tags":["x"]}""");

        Assert.That(JsonDocument.Parse(await RuleText()).RootElement.GetProperty("tags").ToString(), Is.EqualTo("""["x"]"""));
    }

    [Test]
    public async Task Tags_of_an_unknown_rule_are_404_and_a_bad_body_is_400_changing_nothing()
    {
        (await Client.SendTextAsync(HttpMethod.Put, "/rules/nope/tags", """{"tags":["a"]}""").ReadAsync())
            .AssertError(404, "Get rule error: Rule nope is not found.");
        var etag = await Client.ETagAsync();
        var (status, body) = await Client.SendTextAsync(HttpMethod.Put, "/rules/rule1/tags", """{"tags":"a"}""").ReadAsync();
        Assert.That(status, Is.EqualTo(400));
        Assert.That(body.GetProperty("message").GetString(), Does.StartWith("decode body error: "));
        (await Client.SendTextAsync(HttpMethod.Patch, "/rules/rule1/tags", "").ReadAsync()).AssertError(400, "decode body error: EOF");
        Assert.That(await RuleText(), Is.EqualTo(Rule1));
        Assert.That(await Client.ETagAsync(), Is.EqualTo(etag));
    }

    [Test]
    public async Task Match_finds_the_rules_holding_every_tag_sorted_by_id()
    {
        await Client.CreateRuleAsync("""{"id":"b","sql":"SELECT * FROM demo","tags":["t1","t2"],"actions":[{"log":{}}]}""");
        await Client.CreateRuleAsync("""{"id":"a","sql":"SELECT * FROM demo","tags":["t2","t1","t3"],"actions":[{"log":{}}]}""");

        Assert.That(await Client.SendTextAsync(HttpMethod.Get, "/rules/tags/match", """{"tags":["t1","t2"]}""").ReadTextAsync(),
            Is.EqualTo((200, """{"rules":["a","b"]}""")));
        Assert.That(await Client.SendTextAsync(HttpMethod.Get, "/rules/tags/match", """{"tags":["t3"]}""").ReadTextAsync(),
            Is.EqualTo((200, """{"rules":["a"]}""")));
        Assert.That(await Client.SendTextAsync(HttpMethod.Get, "/rules/tags/match", """{"tags":["zz"]}""").ReadTextAsync(),
            Is.EqualTo((200, "{}")));
    }

    [Test]
    public async Task Bulk_stop_and_start_act_on_the_matching_rules_only()
    {
        await Client.CreateRuleAsync("""{"id":"b","sql":"SELECT * FROM demo","tags":["t1"],"actions":[{"log":{}}]}""");
        await Client.CreateRuleAsync("""{"id":"a","sql":"SELECT * FROM demo","tags":["t1","t2"],"actions":[{"log":{}}]}""");

        Assert.That(await Client.SendTextAsync(HttpMethod.Post, "/rules/bulkstop", """{"tags":["t1"]}""").ReadTextAsync(),
            Is.EqualTo((200, """[{"ruleId":"a","success":true},{"ruleId":"b","success":true}]""")));
        Assert.That(await Client.GetAsync("/rules/status/all").ReadTextAsync(), Is.EqualTo((200,
            "{\"a\":{\"status\":\"stopped\",\"last_exception\":\"\",\"exceptions_total\":0}," +
            "\"b\":{\"status\":\"stopped\",\"last_exception\":\"\",\"exceptions_total\":0}," +
            "\"rule1\":{\"status\":\"running\",\"last_exception\":\"\",\"exceptions_total\":0}}")));
        Assert.That(await RuleText("a"), Is.EqualTo("""{"actions":[{"log":{}}],"id":"a","sql":"SELECT * FROM demo","tags":["t1","t2"],"triggered":false}"""));

        Assert.That(await Client.SendTextAsync(HttpMethod.Post, "/rules/bulkstart", """{"tags":["t2"]}""").ReadTextAsync(),
            Is.EqualTo((200, """[{"ruleId":"a","success":true}]""")));
        var (_, a) = await Client.GetAsync("/rules/a/status").ReadAsync();
        Assert.That(a.GetProperty("status").GetString(), Is.EqualTo("running"));
        Assert.That(await RuleText("rule1"), Is.EqualTo(Rule1), "rules not matched are left alone");
    }

    [Test]
    public async Task Bulk_with_no_matching_rule_is_refused()
    {
        var etag = await Client.ETagAsync();

        (await Client.SendTextAsync(HttpMethod.Post, "/rules/bulkstart", """{"tags":["none"]}""").ReadAsync())
            .AssertError(400, "bulk start failed: no matching rules");
        (await Client.SendTextAsync(HttpMethod.Post, "/rules/bulkstop", """{"tags":["none"]}""").ReadAsync())
            .AssertError(400, "bulk stop failed: no matching rules");
        Assert.That(await Client.ETagAsync(), Is.EqualTo(etag));
    }

    [Test]
    public async Task Status_v2_is_a_json_object_with_sorted_keys()
    {
        await Client.PostAsync("/rules/rule1/stop", null);

        Assert.That(await Client.GetAsync("/v2/rules/rule1/status").ReadTextAsync(), Is.EqualTo((200,
            """{"lastStartTimestamp":0,"lastStopTimestamp":0,"message":"","nextStartTimestamp":0,"status":"stopped"}""")));
        (await Client.GetAsync("/v2/rules/nope/status").ReadAsync()).AssertError(404, "get rule status error: Rule nope is not found");
    }

    [Test]
    public async Task Topo_explain_and_reset_state_answer_as_for_a_rule_not_started()
    {
        var (status, topo) = await Client.GetAsync("/rules/rule1/topo").ReadAsync();
        Assert.That(status, Is.EqualTo(400));
        Assert.That(topo.GetProperty("error").GetInt32(), Is.EqualTo(1001));
        Assert.That(topo.GetProperty("message").GetString(),
            Is.EqualTo("get rule topo error: Fail to get rule rule1's topo, make sure the rule has been started before"));
        (await Client.GetAsync("/rules/nope/topo").ReadAsync()).AssertError(404, "get rule topo error: Rule nope is not found");

        (await Client.GetAsync("/rules/nope/explain").ReadAsync()).AssertError(404, "explain rules error: Rule nope is not found.");
        var (explainStatus, _) = await Client.GetAsync("/rules/rule1/explain").ReadAsync();
        Assert.That(explainStatus, Is.EqualTo(400));

        (await Client.SendTextAsync(HttpMethod.Put, "/rules/rule1/reset_state", """{"type":1,"params":{"streamName":"demo"}}""").ReadAsync())
            .AssertError(400, "rule rule1 should be running when modify state");
        (await Client.SendTextAsync(HttpMethod.Put, "/rules/rule1/reset_state", """{"type":0}""").ReadAsync())
            .AssertError(400, "unknown stateType:0");
        (await Client.SendTextAsync(HttpMethod.Put, "/rules/nope/reset_state", """{"type":1}""").ReadAsync())
            .AssertError(400, "Rule nope is not found in registry");
    }

    [TestCase("123", "json: cannot unmarshal number into Go value of type server.ruleStateUpdateRequest")]
    [TestCase("[1]", "json: cannot unmarshal array into Go value of type server.ruleStateUpdateRequest")]
    [TestCase("""{"type":"1"}""", "json: cannot unmarshal string into Go struct field ruleStateUpdateRequest.type of type int")]
    [TestCase("""{"Type":1.5}""", "json: cannot unmarshal number 1.5 into Go struct field ruleStateUpdateRequest.type of type int")]
    [TestCase("""{"params":[],"type":"x"}""", "json: cannot unmarshal array into Go struct field ruleStateUpdateRequest.params of type map[string]interface {}")]
    [TestCase("""{"type":1""", "unexpected EOF")]
    [TestCase("x", "invalid character 'x' looking for beginning of value")]
    [TestCase("", "EOF")]
    [TestCase("""{"TYPE":1} trailing""", "rule rule1 should be running when modify state")]
    public async Task Reset_state_bodies_are_decoded_as_Go_decodes_them(string body, string message)
    {
        var (status, text) = await Client.SendTextAsync(HttpMethod.Put, "/rules/rule1/reset_state", body).ReadTextAsync();
        Assert.That((status, text), Is.EqualTo((400, $$"""{"error":1000,"message":{{GoJson(message)}}}""" + "\n")));
    }

    private static string GoJson(string text) => System.Text.Json.JsonSerializer.Serialize(text,
        new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    [Test]
    public async Task Cpu_usage_answers_as_eKuiper_with_profiling_off() =>
        Assert.That(await Client.GetAsync("/rules/usage/cpu").ReadTextAsync(), Is.EqualTo((200, "cpu usage not enabled")));
}
