using System.Text.Json;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>
/// POST/GET /connections and GET/PUT/DELETE /connections/{id}: eKuiper's named connections, stored as the conf keys
/// connections.{typ}.{id} (the connectionConfig section). Bodies and answers as eKuiper's connection_test.go has them.
/// </summary>
public sealed class ConnectionEndpointsTests : ServerTest
{
    private const string Conn1 = """
        {
          "id": "conn1",
          "typ":"mock",
          "props": {
            "method": "post",
        	"datasource": "/test1"
          }
        }
        """;

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string? body = null) => Client.SendTextAsync(method, path, body);

    private async Task<string> ExportedConnectionsAsync() =>
        JsonSerializer.Serialize((await Client.ExportSectionsAsync())["connectionConfig"]);

    /// <summary>eKuiper's TestGetConnectionStatus, byte for byte, less the status of a running connection.</summary>
    [Test]
    public async Task Create_get_and_replace_answer_as_eKuiper()
    {
        var created = await Send(HttpMethod.Post, "/connections", Conn1).ReadTextAsync();
        var (status, text) = await Client.GetAsync("/connections/conn1").ReadTextAsync();
        var replaced = await Send(HttpMethod.Put, "/connections/conn1", Conn1.Replace("/test1", "/test2")).ReadTextAsync();
        var after = await Client.GetAsync("/connections/conn1").ReadTextAsync();

        Assert.That(created, Is.EqualTo((201, "success")));
        Assert.That((status, text), Is.EqualTo((200, """{"id":"conn1","typ":"mock","props":{"datasource":"/test1","method":"post"},"isNamed":true}""")));
        Assert.That(replaced, Is.EqualTo((200, "success")));
        Assert.That(after, Is.EqualTo((200, """{"id":"conn1","typ":"mock","props":{"datasource":"/test2","method":"post"},"isNamed":true}""")));
    }

    [Test]
    public async Task A_created_connection_is_exported_as_its_conf_key_and_listed()
    {
        await Send(HttpMethod.Post, "/connections", """{"id":"b","typ":"mqtt","props":{"server":"tcp://b:1883"}}""");
        await Send(HttpMethod.Post, "/connections", """{"id":"a","typ":"mqtt","props":{"server":"tcp://a:1883","qos":1}}""");

        var exported = (await Client.ExportSectionsAsync())["connectionConfig"];
        var list = await Client.GetAsync("/connections").ReadTextAsync();
        var confKey = await Client.GetAsync("/metadata/connections/mqtt/confKeys/a").ReadTextAsync();

        Assert.That(exported, Is.EqualTo(new Dictionary<string, string>
        {
            ["mqtt"] = """{"a":{"server":"tcp://a:1883","qos":1},"b":{"server":"tcp://b:1883"}}""",
        }));
        Assert.That(list, Is.EqualTo((200,
            """[{"id":"a","typ":"mqtt","props":{"qos":1,"server":"tcp://a:1883"},"isNamed":true},{"id":"b","typ":"mqtt","props":{"server":"tcp://b:1883"},"isNamed":true}]""")));
        Assert.That(confKey, Is.EqualTo((200, """{"qos":1,"server":"tcp://a:1883"}""")));
    }

    [Test]
    public async Task An_imported_connection_config_entry_is_listed_and_answered()
    {
        var imported = await Client.ImportContentAsync(
            """{"connectionConfig":{"mqtt":"{\"mqttcon\":{\"server\":\"tcp://x:1883\"}}","sql":"{\"db1\":{\"url\":\"mysql://u@h/db\"}}"}}""", "?partial=1").ReadTextAsync();

        var list = await Client.GetAsync("/connections").ReadTextAsync();
        var one = await Client.GetAsync("/connections/db1").ReadTextAsync();

        Assert.That(imported.Status, Is.EqualTo(200), imported.Text);
        Assert.That(list, Is.EqualTo((200,
            """[{"id":"db1","typ":"sql","props":{"url":"mysql://u@h/db"},"isNamed":true},{"id":"mqttcon","typ":"mqtt","props":{"server":"tcp://x:1883"},"isNamed":true}]""")));
        Assert.That(one, Is.EqualTo((200, """{"id":"db1","typ":"sql","props":{"url":"mysql://u@h/db"},"isNamed":true}""")));
    }

    [Test]
    public async Task The_list_is_an_empty_array_on_an_empty_store()
    {
        Assert.That(await Client.GetAsync("/connections?forceAll=true").ReadTextAsync(), Is.EqualTo((200, "[]")));
    }

    [TestCase("""{"id": "inv/conn", "typ":"mock", "props": {"method": "post", "datasource": "/test1"}}""",
        "id 'inv/conn' contains invalid characters: only alphanumeric, hyphens and underscores are allowed")]
    [TestCase("""{"typ":"mock"}""", "id cannot be empty")]
    [TestCase("null", "id cannot be empty")]
    [TestCase("""{"id":"c1","props":{}}""", "create connection failed: connection id and type should be defined")]
    [TestCase("""{"id":"c1","typ":"mqtt","props":[1]}""",
        "Invalid body: json: cannot unmarshal array into Go struct field ConnectionRequest.props of type map[string]interface {}")]
    [TestCase("""{"id":1}""", "Invalid body: json: cannot unmarshal number into Go struct field ConnectionRequest.id of type string")]
    [TestCase("""{"id":"c1",""", "Invalid body: unexpected end of JSON input")]
    [TestCase("[]", "Invalid body: json: cannot unmarshal array into Go value of type server.ConnectionRequest")]
    public async Task A_refused_create_answers_eKuipers_words_and_changes_nothing(string body, string message)
    {
        var before = await Client.ExportAsync();

        var answer = await Send(HttpMethod.Post, "/connections", body).ReadAsync();

        answer.AssertError(400, message);
        Assert.That(await Client.ExportAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_taken_id_is_refused_whatever_the_type()
    {
        await Send(HttpMethod.Post, "/connections", """{"id":"c1","typ":"mqtt","props":{"server":"a"}}""");

        var answer = await Send(HttpMethod.Post, "/connections", """{"id":"c1","typ":"sql","props":{"url":"b"}}""").ReadAsync();

        answer.AssertError(400, "create connection failed: connection c1 already been created");
        Assert.That(await ExportedConnectionsAsync(), Is.EqualTo("""{"mqtt":"{\u0022c1\u0022:{\u0022server\u0022:\u0022a\u0022}}"}"""));
    }

    [Test]
    public async Task Unknown_and_invalid_ids_answer_as_eKuiper()
    {
        (await Client.GetAsync("/connections/ghost").ReadAsync()).AssertError(400, "connection ghost not existed");
        (await Send(HttpMethod.Put, "/connections/ghost", """{"typ":"mqtt","props":{}}""").ReadAsync())
            .AssertError(400, "update connection failed: connection ghost not existed");
        (await Send(HttpMethod.Put, "/connections/ghost", """{"props":{}}""").ReadAsync())
            .AssertError(400, "update connection failed: connection id and type should be defined");
        (await Client.GetAsync("/connections/a.b").ReadAsync())
            .AssertError(400, "id 'a.b' contains invalid characters: only alphanumeric, hyphens and underscores are allowed");
        (await Send(HttpMethod.Delete, "/connections/a.b").ReadAsync())
            .AssertError(400, "id 'a.b' contains invalid characters: only alphanumeric, hyphens and underscores are allowed");
        // eKuiper drops an unknown connection without complaint.
        Assert.That(await Send(HttpMethod.Delete, "/connections/ghost").ReadTextAsync(), Is.EqualTo((200, "success")));
    }

    [Test]
    public async Task Delete_removes_it_from_the_store_and_the_export()
    {
        await Send(HttpMethod.Post, "/connections", Conn1);

        var deleted = await Send(HttpMethod.Delete, "/connections/conn1").ReadTextAsync();

        Assert.That(deleted, Is.EqualTo((200, "success")));
        Assert.That(await ExportedConnectionsAsync(), Is.EqualTo("{}"));
        (await Client.GetAsync("/connections/conn1").ReadAsync()).AssertError(400, "connection conn1 not existed");
    }

    [Test]
    public async Task Put_with_another_type_moves_the_connection_to_that_type()
    {
        await Send(HttpMethod.Post, "/connections", """{"id":"c1","typ":"mqtt","props":{"server":"a"}}""");

        var replaced = await Send(HttpMethod.Put, "/connections/c1", """{"id":"ignored","typ":"sql","props":{"url":"u"}}""").ReadTextAsync();

        Assert.That(replaced, Is.EqualTo((200, "success")));
        Assert.That(await ExportedConnectionsAsync(), Is.EqualTo("""{"sql":"{\u0022c1\u0022:{\u0022url\u0022:\u0022u\u0022}}"}"""));
    }

    /// <summary>A source conf key selects the connection; a stream reads that key; a rule reads the stream.</summary>
    [Test]
    public async Task A_connection_a_rule_uses_through_a_stream_is_neither_dropped_nor_replaced()
    {
        await Send(HttpMethod.Post, "/connections", """{"id":"conn1","typ":"mqtt","props":{"server":"tcp://127.0.0.1:3883"}}""");
        await Send(HttpMethod.Put, "/metadata/sources/mqtt/confKeys/ttt", """{"connectionSelector":"conn1"}""");
        var stream = await Client.CreateStreamAsync("""create stream tttStream () WITH (TYPE="mqtt", DATASOURCE="ttt", FORMAT="json", CONF_KEY="ttt")""").ReadTextAsync();
        Assert.That(stream.Status, Is.EqualTo(201), stream.Text);

        var whileStream = await Send(HttpMethod.Delete, "/connections/conn1").ReadAsync();
        var rule = await Client.CreateRuleAsync("""{"id":"ruleTTT1","sql":"SELECT * FROM tttStream","actions":[{"nop":{}}]}""").ReadTextAsync();
        Assert.That(rule.Status, Is.EqualTo(201), rule.Text);
        var before = await Client.ExportAsync();
        var whileRule = await Send(HttpMethod.Delete, "/connections/conn1").ReadAsync();
        var put = await Send(HttpMethod.Put, "/connections/conn1", """{"typ":"sql","props":{}}""").ReadAsync();

        whileStream.AssertError(400, "drop connection failed: connection conn1 can't be dropped due to stream references [tttStream]");
        whileRule.AssertError(400, "drop connection failed: connection conn1 can't be dropped due to rule references [ruleTTT1]");
        put.AssertError(400, "update connection failed: connection conn1 can't be dropped due to rule references [ruleTTT1]");
        Assert.That(await Client.ExportAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_connection_a_rule_action_selects_is_kept_until_the_rule_goes()
    {
        await Send(HttpMethod.Post, "/connections", """{"id":"conn1","typ":"mqtt","props":{"server":"tcp://a:1883"}}""");
        await Client.CreateStreamAsync("""create stream s1 () WITH (DATASOURCE="t", FORMAT="json")""");
        await Client.CreateRuleAsync("""{"id":"ruleTTT2","sql":"SELECT * FROM s1","actions":[{"mqtt":{"connectionSelector":"conn1","topic":"result"}}]}""");
        await Client.CreateRuleAsync("""{"id":"ruleTTT3","sql":"SELECT * FROM s1","actions":[{"mqtt":{"resourceId":"out","topic":"result"}}]}""");
        await Send(HttpMethod.Put, "/metadata/sinks/mqtt/confKeys/out", """{"connectionSelector":"mqtt.conn1"}""");

        var refused = await Send(HttpMethod.Delete, "/connections/conn1").ReadAsync();
        await Send(HttpMethod.Delete, "/rules/ruleTTT2");
        await Send(HttpMethod.Delete, "/rules/ruleTTT3");
        var dropped = await Send(HttpMethod.Delete, "/connections/conn1").ReadTextAsync();

        refused.AssertError(400, "drop connection failed: connection conn1 can't be dropped due to rule references [ruleTTT2 ruleTTT3]");
        Assert.That(dropped, Is.EqualTo((200, "success")));
        Assert.That(await ExportedConnectionsAsync(), Is.EqualTo("{}"));
    }

    /// <summary>eKuiper lays a stream's EXTRA JSON over its conf key's properties: its connectionSelector counts.</summary>
    [Test]
    public async Task A_stream_whose_extra_option_selects_the_connection_keeps_it()
    {
        await Send(HttpMethod.Post, "/connections", """{"id":"conn1","typ":"mqtt","props":{"server":"tcp://a:1883"}}""");
        var stream = await Client.CreateStreamAsync(
            """create stream s1 () WITH (DATASOURCE="t", FORMAT="json", EXTRA="{\"connectionSelector\":\"conn1\"}")""").ReadTextAsync();
        Assert.That(stream.Status, Is.EqualTo(201), stream.Text);

        var refused = await Send(HttpMethod.Delete, "/connections/conn1").ReadAsync();

        refused.AssertError(400, "drop connection failed: connection conn1 can't be dropped due to stream references [s1]");
    }
}
