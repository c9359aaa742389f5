using System.Text.Json;

namespace Ekuiper.Api.IntegrationTests;

public sealed class RuleEndpointsTests : ServerTest
{
    private const string Rule1 = """{"id": "rule1", "sql": "SELECT * FROM demo", "actions": [{"log": {}}]}""";

    [SetUp]
    public async Task CreateTheStream() =>
        await Client.CreateStreamAsync("CREATE STREAM demo () WITH (DATASOURCE=\"demo\")");

    [Test]
    public async Task Create_answers_201_and_the_rule_reads_back_exactly_as_sent()
    {
        var (status, text) = await Client.CreateRuleAsync(Rule1).ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((201, "Rule rule1 was created successfully.")));
        using var response = await Client.GetAsync("/rules/rule1");
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(Rule1));
        Assert.That((await Client.ExportSectionsAsync())["rules"]["rule1"], Is.EqualTo(Rule1));
    }

    [Test]
    public async Task Concurrent_creates_of_one_id_store_it_once_and_refuse_the_others()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Client.CreateRuleAsync(Rule1).ReadTextAsync()));

        Assert.That(answers.Count(a => a.Status == 201), Is.EqualTo(1));
        Assert.That(answers.Where(a => a.Status != 201).Select(a => a.Status), Is.All.EqualTo(400));
        Assert.That(await Client.GetAsync("/rules/rule1").ReadTextAsync(), Is.EqualTo((200, Rule1)));
    }

    [Test]
    public async Task List_gives_id_name_and_status_sorted_by_id()
    {
        await Client.CreateRuleAsync("""{"id":"b","name":"Second rule","triggered":false,"tags":["t1"],"version":"3","sql":"SELECT * FROM demo","actions":[{"log":{}}]}""");
        await Client.CreateRuleAsync("""{"id":"a","sql":"SELECT * FROM demo","actions":[{"log":{}}]}""");

        var (status, text) = await Client.GetAsync("/rules").ReadTextAsync();

        Assert.That(status, Is.EqualTo(200));
        Assert.That(text, Is.EqualTo(
            """[{"id":"a","name":"a","status":"running","tags":null,"trace":false,"version":""},""" +
            """{"id":"b","name":"Second rule","status":"stopped","tags":["t1"],"trace":false,"version":"3"}]"""));
    }

    [Test]
    public async Task The_list_shows_the_name_and_tags_an_update_gives_keeps_them_through_a_stop_and_drops_them_with_them()
    {
        await Client.CreateRuleAsync("""{"id":"r","name":"Old","tags":["a"],"sql":"SELECT * FROM demo","actions":[{"log":{}}]}""");
        var created = (await Client.GetAsync("/rules").ReadTextAsync()).Text;

        await Client.SendTextAsync(HttpMethod.Put, "/rules/r", """{"id":"r","name":"New","tags":["b","c"],"sql":"SELECT * FROM demo","actions":[{"log":{}}]}""");
        var updated = (await Client.GetAsync("/rules").ReadTextAsync()).Text;
        await Client.PostAsync("/rules/r/stop", null);
        var stopped = (await Client.GetAsync("/rules").ReadTextAsync()).Text;
        await Client.SendTextAsync(HttpMethod.Put, "/rules/r", """{"id":"r","name":"","sql":"SELECT * FROM demo","actions":[{"log":{}}]}""");
        var plain = (await Client.GetAsync("/rules").ReadTextAsync()).Text;

        Assert.That(created, Is.EqualTo("""[{"id":"r","name":"Old","status":"running","tags":["a"],"trace":false,"version":""}]"""));
        Assert.That(updated, Is.EqualTo("""[{"id":"r","name":"New","status":"running","tags":["b","c"],"trace":false,"version":""}]"""));
        Assert.That(stopped, Is.EqualTo("""[{"id":"r","name":"New","status":"stopped","tags":["b","c"],"trace":false,"version":""}]"""));
        Assert.That(plain, Is.EqualTo("""[{"id":"r","name":"r","status":"running","tags":null,"trace":false,"version":""}]"""));
    }

    [Test]
    public async Task A_second_create_of_an_id_is_refused_and_keeps_the_first()
    {
        await Client.CreateRuleAsync(Rule1);

        var answer = await Client.CreateRuleAsync("""{"id":"rule1","sql":"SELECT a FROM demo","actions":[{"log":{}}]}""").ReadAsync();

        answer.AssertError(400, "rule rule1 already exists");
        Assert.That(await Client.GetAsync("/rules/rule1").ReadTextAsync(), Is.EqualTo((200, Rule1)));
    }

    [TestCase("""{"sql":"SELECT * FROM demo","actions":[{"log":{}}]}""", "invalid rule json: Missing rule id.")]
    [TestCase("""{"id":"r","sql":"SELECT * FROM demo"}""", "invalid rule json: Missing rule actions.")]
    [TestCase("""{"id":"r"}""", "invalid rule json: Rule r has neither sql nor graph.")]
    [TestCase("""{"id":"rule3/21","sql":"SELECT * FROM demo","actions":[{"log":{}}]}""",
        "invalid rule json: id 'rule3/21' contains invalid characters: only alphanumeric, hyphens and underscores are allowed")]
    [TestCase("""{"id":"r","sql":5,"actions":[{"log":{}}]}""", "invalid rule json: Parse rule {\"id\":\"r\",\"sql\":5,\"actions\":[{\"log\":{}}]} error : json: cannot unmarshal number into Go struct field Rule.sql of type string.")]
    [TestCase("[1]", "invalid rule json: Parse rule [1] error : json: cannot unmarshal array into Go value of type def.Rule.")]
    [TestCase("", "invalid rule json: Parse rule  error : unexpected end of JSON input.")]
    [TestCase("not json", "invalid rule json: Parse rule not json error : invalid character 'o' in literal null (expecting 'u').")]
    [TestCase("selectabc", "invalid rule json: Parse rule selectabc error : invalid character 's' looking for beginning of value.")]
    public async Task An_invalid_rule_is_refused_in_eKuipers_words_and_nothing_is_stored(string body, string message)
    {
        var answer = await Client.CreateRuleAsync(body).ReadAsync();

        answer.AssertError(400, message);
        Assert.That((await Client.GetAsync("/rules").ReadTextAsync()).Text, Is.EqualTo("[]"));
    }

    [TestCase("")]
    [TestCase("not json")]
    public async Task A_body_that_is_not_json_is_refused(string body)
    {
        var (status, answer) = await Client.CreateRuleAsync(body).ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        Assert.That(answer.GetProperty("message").GetString(), Does.StartWith("invalid rule json: "));
    }

    [Test]
    public async Task Describe_an_unknown_rule_is_404()
    {
        (await Client.GetAsync("/rules/nope").ReadAsync()).AssertError(404, "Describe rule error: Rule nope is not found.");
    }

    [Test]
    public async Task Update_replaces_the_rule()
    {
        await Client.CreateRuleAsync(Rule1);
        const string replacement = """{"id":"rule1","sql":"SELECT temperature FROM demo","actions":[{"mqtt":{"server":"tcp://b:1883"}}]}""";

        var (status, text) = await Client.SendTextAsync(HttpMethod.Put, "/rules/rule1", replacement).ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((200, "Rule rule1 was updated successfully.")));
        Assert.That(await Client.GetAsync("/rules/rule1").ReadTextAsync(), Is.EqualTo((200, replacement)));
    }

    [Test]
    public async Task Update_of_an_absent_rule_creates_it_as_eKuiper_does()
    {
        var (status, _) = await Client.SendTextAsync(HttpMethod.Put, "/rules/rule1", Rule1).ReadTextAsync();

        Assert.That(status, Is.EqualTo(200));
        Assert.That(await Client.GetAsync("/rules/rule1").ReadTextAsync(), Is.EqualTo((200, Rule1)));
    }

    [Test]
    public async Task Update_is_refused_for_another_id_or_a_lower_version_and_keeps_the_rule()
    {
        const string v2 = """{"id":"rule1","version":"2","sql":"SELECT * FROM demo","actions":[{"log":{}}]}""";
        await Client.CreateRuleAsync(v2);

        (await Client.SendTextAsync(HttpMethod.Put, "/rules/rule1", """{"id":"other","sql":"SELECT * FROM demo","actions":[{"log":{}}]}""").ReadAsync())
            .AssertError(400, "Update rule error: RuleId is not consistent with rule id.");
        (await Client.SendTextAsync(HttpMethod.Put, "/rules/rule1", """{"id":"rule1","version":"1","sql":"SELECT a FROM demo","actions":[{"log":{}}]}""").ReadAsync())
            .AssertError(400, "Update rule error: rule rule1 already exists with version (2), new version (1) is lower");
        (await Client.SendTextAsync(HttpMethod.Put, "/rules/a.b", Rule1).ReadAsync())
            .AssertError(400, "id 'a.b' contains invalid characters: only alphanumeric, hyphens and underscores are allowed");

        Assert.That(await Client.GetAsync("/rules/rule1").ReadTextAsync(), Is.EqualTo((200, v2)));
    }

    [Test]
    public async Task Delete_drops_the_rule_and_a_second_delete_is_404()
    {
        await Client.CreateRuleAsync(Rule1);

        var (status, text) = await Client.DeleteAsync("/rules/rule1").ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((200, "Rule rule1 is dropped.")));
        (await Client.GetAsync("/rules/rule1").ReadAsync()).AssertError(404, "Describe rule error: Rule rule1 is not found.");
        (await Client.DeleteAsync("/rules/rule1").ReadAsync()).AssertError(400, "Delete rule error: rule rule1 not found");
    }

    [Test]
    public async Task Stop_and_start_set_the_triggered_flag_that_status_list_json_and_export_show()
    {
        await Client.CreateRuleAsync(Rule1);

        var stop = await Client.PostAsync("/rules/rule1/stop", null).ReadTextAsync();
        var (_, stopped) = await Client.GetAsync("/rules/rule1/status").ReadAsync();
        var stoppedJson = JsonDocument.Parse((await Client.GetAsync("/rules/rule1").ReadTextAsync()).Text).RootElement;
        var exported = JsonDocument.Parse((await Client.ExportSectionsAsync())["rules"]["rule1"]).RootElement;
        var (_, listed) = await Client.GetAsync("/rules").ReadAsync();

        Assert.That(stop, Is.EqualTo((200, "Rule rule1 was stopped.")));
        Assert.That(stopped.GetProperty("status").GetString(), Is.EqualTo("stopped"));
        Assert.That(stoppedJson.GetProperty("triggered").GetBoolean(), Is.False);
        Assert.That(stoppedJson.GetProperty("sql").GetString(), Is.EqualTo("SELECT * FROM demo"));
        Assert.That(exported.GetProperty("triggered").GetBoolean(), Is.False);
        Assert.That(listed[0].GetProperty("status").GetString(), Is.EqualTo("stopped"));

        var start = await Client.PostAsync("/rules/rule1/start", null).ReadTextAsync();
        var (_, started) = await Client.GetAsync("/rules/rule1/status").ReadAsync();

        Assert.That(start, Is.EqualTo((200, "Rule rule1 was started")));
        Assert.That(started.GetProperty("status").GetString(), Is.EqualTo("running"));
        Assert.That(JsonDocument.Parse((await Client.GetAsync("/rules/rule1").ReadTextAsync()).Text).RootElement
            .GetProperty("triggered").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Status_is_written_as_eKuiper_writes_it_indented_by_Go()
    {
        await Client.CreateRuleAsync(Rule1);

        using var response = await Client.GetAsync("/rules/rule1/status");

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            "{\n  \"status\": \"running\",\n  \"message\": \"\",\n  \"lastStartTimestamp\": 0,\n" +
            "  \"lastStopTimestamp\": 0,\n  \"nextStartTimestamp\": 0\n}"));
    }

    [Test]
    public async Task Restart_of_a_stopped_rule_sets_it_running()
    {
        await Client.CreateRuleAsync("""{"id":"rule1","triggered":false,"sql":"SELECT * FROM demo","actions":[{"log":{}}]}""");

        var restart = await Client.PostAsync("/rules/rule1/restart", null).ReadTextAsync();
        var (_, status) = await Client.GetAsync("/rules/rule1/status").ReadAsync();

        Assert.That(restart, Is.EqualTo((200, "Rule rule1 was restarted")));
        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("running"));
        Assert.That(await Client.GetAsync("/rules/rule1").ReadTextAsync(),
            Is.EqualTo((200, """{"actions":[{"log":{}}],"id":"rule1","sql":"SELECT * FROM demo","triggered":true}""")));
    }

    [Test]
    public async Task Starting_a_running_rule_a_second_time_leaves_its_json_untouched()
    {
        await Client.CreateRuleAsync(Rule1);
        await Client.PostAsync("/rules/rule1/start", null);
        var once = await Client.GetAsync("/rules/rule1").ReadTextAsync();

        await Client.PostAsync("/rules/rule1/start", null);

        Assert.That(await Client.GetAsync("/rules/rule1").ReadTextAsync(), Is.EqualTo(once));
        Assert.That(once, Is.EqualTo((200, """{"actions":[{"log":{}}],"id":"rule1","sql":"SELECT * FROM demo","triggered":true}""")));
    }

    [TestCase("start")]
    [TestCase("stop")]
    [TestCase("restart")]
    public async Task Start_stop_and_restart_of_an_unknown_rule_are_404(string action)
    {
        (await Client.PostAsync($"/rules/nope/{action}", null).ReadAsync())
            .AssertError(404, $"{action} rule error: Rule nope is not found in registry, please check if it is created");
    }

    [Test]
    public async Task Status_of_an_unknown_rule_is_404()
    {
        (await Client.GetAsync("/rules/nope/status").ReadAsync()).AssertError(404, "get rule status error: Rule nope is not found");
    }

    [Test]
    public async Task Validate_reports_the_sources_of_a_valid_rule_and_stores_nothing()
    {
        var (status, text) = await Client.SendTextAsync(HttpMethod.Post, "/rules/validate", Rule1).ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((200, """{"sources":["demo"],"valid":true}""")));
        Assert.That((await Client.GetAsync("/rules").ReadTextAsync()).Text, Is.EqualTo("[]"));
    }

    [TestCase("""{"id":"r","sql":"SELECT * FROM demo"}""", "invalid rule json: Missing rule actions.")]
    [TestCase("""{"id":"r","sql":"SELECT * FROM nothere","actions":[{"log":{}}]}""", "nothere is not found")]
    [TestCase("oops", "invalid rule json: Parse rule oops error : invalid character 'o' looking for beginning of value.")]
    [TestCase("{\"id\":\"r\",\"sql\":true}", "invalid rule json: Parse rule {\"id\":\"r\",\"sql\":true} error : json: cannot unmarshal bool into Go struct field Rule.sql of type string.")]
    public async Task Validate_answers_422_with_the_reason_as_text(string body, string reason)
    {
        var (status, text) = await Client.SendTextAsync(HttpMethod.Post, "/rules/validate", body).ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((422, reason)));
    }
}
