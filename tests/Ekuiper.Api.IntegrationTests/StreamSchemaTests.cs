namespace Ekuiper.Api.IntegrationTests;

/// <summary>GET /streams/{name}/schema and GET /tables/{name}/schema, as eKuiper answers them.</summary>
public sealed class StreamSchemaTests : ServerTest
{
    [Test]
    public async Task The_declared_fields_are_answered_as_eKuiper_s_json_schema()
    {
        await Client.CreateStreamAsync(
            "CREATE STREAM demo (b STRING, a BIGINT, arr ARRAY(FLOAT), s STRUCT(z BOOLEAN, y DATETIME)) WITH (DATASOURCE=\"demo\")");

        using var response = await Client.GetAsync("/streams/demo/schema");

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            "{\"a\":{\"type\":\"bigint\",\"index\":0},\"arr\":{\"type\":\"array\",\"items\":{\"type\":\"float\",\"index\":0},\"index\":0}," +
            "\"b\":{\"type\":\"string\",\"index\":0}," +
            "\"s\":{\"type\":\"struct\",\"properties\":{\"y\":{\"type\":\"datetime\",\"index\":0},\"z\":{\"type\":\"boolean\",\"index\":0}},\"index\":0}}"));
    }

    [Test]
    public async Task A_schemaless_table_answers_null_and_a_missing_one_is_refused_as_eKuiper_does()
    {
        await Client.CreateStreamAsync("CREATE TABLE t () WITH (DATASOURCE=\"t\", TYPE=\"file\")", "tables");

        Assert.That(await Client.GetAsync("/tables/t/schema").ReadTextAsync(), Is.EqualTo((200, "null")));

        var (status, body) = await Client.GetAsync("/tables/nope/schema").ReadAsync();
        Assert.That(status, Is.EqualTo(400));
        Assert.That(body.GetProperty("error").GetInt32(), Is.EqualTo(3000));
        Assert.That(body.GetProperty("message").GetString(), Is.EqualTo("get schema of table error: Describe table fails, nope is not found."));
        var (_, asStream) = await Client.GetAsync("/streams/t/schema").ReadAsync();
        Assert.That(asStream.GetProperty("message").GetString(), Is.EqualTo("get schema of stream error: Describe stream fails, stream t is not found."));
    }

    [Test]
    public async Task A_schemaless_shared_stream_answers_the_fields_its_running_rules_read()
    {
        // eKuiper's fvt/rule_test.go, TestStreamSchemaWithSharedSource, plus what its shared layer does around it.
        await Client.CreateStreamAsync("CREATE STREAM sh () WITH (TYPE=\"mqtt\", DATASOURCE=\"test\", SHARED=\"true\")");
        await Client.CreateStreamAsync("CREATE STREAM other () WITH (TYPE=\"mqtt\", DATASOURCE=\"other\")");
        Assert.That(await Client.GetAsync("/streams/sh/schema").ReadTextAsync(), Is.EqualTo((200, "null")));

        await Client.CreateRuleAsync("""{"id":"rule1","sql":"SELECT id, name FROM sh","actions":[{"log":{}}]}""");
        Assert.That(await Client.GetAsync("/streams/sh/schema").ReadTextAsync(), Is.EqualTo((200, """{"id":null,"name":null}""")));

        await Client.CreateRuleAsync("""{"id":"rule2","sql":"SELECT id, age AS years FROM sh WHERE years > 1","actions":[{"log":{}}]}""");
        await Client.CreateRuleAsync("""{"id":"stopped","triggered":false,"sql":"SELECT colour FROM sh","actions":[{"log":{}}]}""");
        await Client.CreateRuleAsync("""{"id":"joined","sql":"SELECT s.zone, o.x FROM sh AS s INNER JOIN other AS o ON s.id = o.id GROUP BY TUMBLINGWINDOW(ss, 1)","actions":[{"log":{}}]}""");
        Assert.That(await Client.GetAsync("/streams/sh/schema").ReadTextAsync(),
            Is.EqualTo((200, """{"age":null,"id":null,"name":null,"zone":null}""")));

        Assert.That((await Client.DeleteAsync("/rules/rule2")).IsSuccessStatusCode);
        Assert.That((await Client.DeleteAsync("/rules/joined")).IsSuccessStatusCode);
        Assert.That(await Client.GetAsync("/streams/sh/schema").ReadTextAsync(), Is.EqualTo((200, """{"id":null,"name":null}""")));

        await Client.CreateRuleAsync("""{"id":"all","sql":"SELECT * FROM sh","actions":[{"log":{}}]}""");
        Assert.That(await Client.GetAsync("/streams/sh/schema").ReadTextAsync(), Is.EqualTo((200, "null")));
        Assert.That(await Client.GetAsync("/streams/other/schema").ReadTextAsync(), Is.EqualTo((200, "null")));
    }
}
