using System.Net.Http.Json;
using System.Text.Json;

namespace Ekuiper.Api.IntegrationTests;

public sealed class StreamEndpointsTests : ServerTest
{
    private const string Demo = "CREATE STREAM demo (temperature float, ts bigint) WITH (DATASOURCE=\"demo\", FORMAT=\"JSON\")";
    private const string Lookup = "CREATE TABLE lookup1 () WITH (DATASOURCE=\"t\", TYPE=\"memory\", KEY=\"id\", KIND=\"lookup\")";
    private const string Scan = "CREATE TABLE scan1 (a string) WITH (DATASOURCE=\"scan.json\", TYPE=\"File\", FORMAT=\"JSON\")";

    [Test]
    public async Task Create_answers_201_in_eKuipers_words_and_the_stream_is_listed()
    {
        var (status, text) = await Client.CreateStreamAsync(Demo).ReadTextAsync();

        Assert.That(status, Is.EqualTo(201));
        Assert.That(text, Is.EqualTo("Stream demo is created."));
        Assert.That(await Client.GetNamesAsync("/streams"), Is.EqualTo(new[] { "demo" }));
        Assert.That(await Client.GetNamesAsync("/tables"), Is.Empty);
        Assert.That((await Client.ExportSectionsAsync())["streams"]["demo"], Is.EqualTo(Demo));
    }

    [Test]
    public async Task A_table_is_created_under_tables_and_also_when_posted_to_streams_as_eKuiper_does()
    {
        var (tableStatus, tableText) = await Client.CreateStreamAsync(Scan, "tables").ReadTextAsync();
        var (viaStreamsStatus, viaStreamsText) = await Client.CreateStreamAsync(Lookup).ReadTextAsync();

        Assert.That((tableStatus, tableText), Is.EqualTo((201, "Table scan1 is created.")));
        Assert.That((viaStreamsStatus, viaStreamsText), Is.EqualTo((201, "Table lookup1 is created.")));
        Assert.That(await Client.GetNamesAsync("/tables"), Is.EqualTo(new[] { "lookup1", "scan1" }));
        Assert.That(await Client.GetNamesAsync("/streams"), Is.Empty);
    }

    [Test]
    public async Task A_second_create_of_a_name_is_refused_and_keeps_the_first()
    {
        await Client.CreateStreamAsync(Demo);

        var sameKind = await Client.CreateStreamAsync("CREATE STREAM demo () WITH (DATASOURCE=\"other\")").ReadAsync();
        var otherKind = await Client.CreateStreamAsync("CREATE TABLE demo () WITH (DATASOURCE=\"other\")", "tables").ReadAsync();

        sameKind.AssertError(400, "Stream command error: Create stream fails: Item demo already exists.", 3000);
        otherKind.AssertError(400, "Table command error: Create table fails: Item demo already exists.", 3000);
        Assert.That((await Client.ExportSectionsAsync())["streams"]["demo"], Is.EqualTo(Demo));
        Assert.That(await Client.GetNamesAsync("/tables"), Is.Empty);
    }

    [Test]
    public async Task A_statement_that_does_not_parse_is_refused_with_the_parser_message()
    {
        var answer = await Client.CreateStreamAsync("CREATE STwREAM demo () WITH (DATASOURCE=\"d\")").ReadAsync();

        answer.AssertError(400, "Stream command error: found \"STWREAM\", expected keyword stream or table.", 3000);
        Assert.That(await Client.GetNamesAsync("/streams"), Is.Empty);
    }

    [Test]
    public async Task A_name_eKuiper_does_not_allow_is_refused()
    {
        var answer = await Client.CreateStreamAsync("CREATE STREAM `a.b` () WITH (DATASOURCE=\"d\")").ReadAsync();

        answer.AssertError(400, "Stream command error: id 'a.b' contains invalid characters: only alphanumeric, hyphens and underscores are allowed", 3000);
    }

    [TestCase("{}", "Invalid body: the sql field is required")]
    [TestCase("{\"sql\":\"\"}", "Invalid body: the sql field is required")]
    public async Task A_body_without_a_sql_string_is_refused(string body, string messageStart)
    {
        var (status, answer) = await Client.SendTextAsync(HttpMethod.Post, "/streams", body).ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        Assert.That(answer.GetProperty("message").GetString(), Does.StartWith(messageStart));
    }

    private const string DecodeError = "Invalid body: Error decoding the statement descriptor: ";

    [TestCase("{\"sql\":5}", "json: cannot unmarshal number into Go struct field statementDescriptor.sql of type string")]
    [TestCase("{\"sql\":[]}", "json: cannot unmarshal array into Go struct field statementDescriptor.sql of type string")]
    [TestCase("\"CREATE\"", "json: cannot unmarshal string into Go value of type server.statementDescriptor")]
    [TestCase("sql=CREATE", "invalid character 's' looking for beginning of value")]
    [TestCase("{sql:1}", "invalid character 's' looking for beginning of object key string")]
    [TestCase("{\"sql\" 1}", "invalid character '1' after object key")]
    [TestCase("{\"sql\":\"a\" \"b\"}", "invalid character '\"' after object key:value pair")]
    [TestCase("{\"sql\":tru}", "invalid character '}' in literal true (expecting 'e')")]
    [TestCase("{\"sql\":\"a\\x\"}", "invalid character 'x' in string escape code")]
    [TestCase("{\"sql\":-}", "invalid character '}' in numeric literal")]
    [TestCase("{\"sql\":\"", "unexpected EOF")]
    [TestCase("", "EOF")]
    [TestCase("  \n", "EOF")]
    public async Task A_body_that_does_not_decode_is_refused_in_Go_decoders_words(string body, string reason)
    {
        (await Client.SendTextAsync(HttpMethod.Post, "/streams", body).ReadAsync()).AssertError(400, DecodeError + reason);
        (await Client.SendTextAsync(HttpMethod.Put, "/streams/demo", body).ReadAsync()).AssertError(400, DecodeError + reason);
        Assert.That(await Client.GetNamesAsync("/streams"), Is.Empty);
    }

    [Test]
    public async Task What_follows_the_first_JSON_value_of_a_body_is_not_read_as_in_eKuiper()
    {
        var (status, _) = await Client.SendTextAsync(HttpMethod.Post, "/streams",
            "{\"sql\":\"CREATE STREAM demo () WITH (DATASOURCE=\\\"d\\\")\"} trailing").ReadTextAsync();

        Assert.That(status, Is.EqualTo(201));
        Assert.That(await Client.GetNamesAsync("/streams"), Is.EqualTo(new[] { "demo" }));
    }

    [Test]
    public async Task Describe_gives_eKuipers_statement_json()
    {
        await Client.CreateStreamAsync(
            "CREATE STREAM described (id bigint DEFAULT 5, flag boolean DEFAULT TRUE, tags ARRAY(string), pos STRUCT(x float, y float), " +
            "pts ARRAY(STRUCT(a bytea))) WITH (DATASOURCE=\"d\", FORMAT=\"JSON\", CONF_KEY=\"c\", TYPE=\"mqtt\", SHARED=\"true\", " +
            "STRICT_VALIDATION=\"false\", TIMESTAMP=\"ts\", VERSION=\"2\")");

        var (status, text) = await Client.GetAsync("/streams/described").ReadTextAsync();

        Assert.That(status, Is.EqualTo(200));
        const string expected = """
            {"Name":"described",
             "StreamFields":[
               {"FieldType":"bigint","Name":"id","DefaultClause":"5"},
               {"FieldType":"boolean","Name":"flag","DefaultClause":"true"},
               {"FieldType":{"Type":"array","ElementType":"string"},"Name":"tags"},
               {"FieldType":{"Type":"struct","Fields":[{"FieldType":"float","Name":"x"},{"FieldType":"float","Name":"y"}]},"Name":"pos"},
               {"FieldType":{"Type":"array","ElementType":{"Type":"struct","Fields":[{"FieldType":"bytea","Name":"a"}]}},"Name":"pts"}],
             "Options":{"datasource":"d","format":"JSON","confKey":"c","type":"mqtt","timestamp":"ts","shared":true,"version":"2"},
             "StreamType":0,
             "Statement":null}
            """;
        Assert.That(ResourceCalls.SameJson(text, expected), Is.True, text);
    }

    [Test]
    public async Task Describe_a_schemaless_table_as_eKuiper_does()
    {
        await Client.CreateStreamAsync(Lookup, "tables");

        var (_, text) = await Client.GetAsync("/tables/lookup1").ReadTextAsync();

        Assert.That(ResourceCalls.SameJson(text,
            """{"Name":"lookup1","StreamFields":null,"Options":{"datasource":"t","key":"id","type":"memory","kind":"lookup"},"StreamType":1,"Statement":null}"""),
            Is.True, text);
    }

    [Test]
    public async Task Describe_an_unknown_name_is_404_and_a_table_is_not_found_among_streams()
    {
        await Client.CreateStreamAsync(Lookup, "tables");

        (await Client.GetAsync("/streams/nope").ReadAsync()).AssertError(400, "describe stream error: Describe stream fails, stream nope is not found.", 3000);
        (await Client.GetAsync("/streams/lookup1").ReadAsync()).AssertError(400, "describe stream error: Describe stream fails, stream lookup1 is not found.", 3000);
        (await Client.GetAsync("/streams/a%20b").ReadAsync())
            .AssertError(400, "id 'a b' contains invalid characters: only alphanumeric, hyphens and underscores are allowed");
    }

    [Test]
    public async Task Details_give_name_and_lower_cased_type_and_format_with_eKuipers_defaults()
    {
        await Client.CreateStreamAsync("CREATE STREAM plain () WITH (DATASOURCE=\"p\")");
        await Client.CreateStreamAsync(Scan, "tables");

        var (_, streams) = await Client.GetAsync("/streamdetails").ReadTextAsync();
        var (_, tables) = await Client.GetAsync("/tabledetails").ReadTextAsync();

        Assert.That(streams, Is.EqualTo("""[{"name":"plain","type":"mqtt","format":"json"}]"""));
        Assert.That(tables, Is.EqualTo("""[{"name":"scan1","type":"file","format":"json"}]"""));
    }

    [Test]
    public async Task Tables_can_be_listed_by_kind()
    {
        await Client.CreateStreamAsync(Scan, "tables");
        await Client.CreateStreamAsync(Lookup, "tables");

        Assert.That(await Client.GetNamesAsync("/tables?kind=scan"), Is.EqualTo(new[] { "scan1" }));
        Assert.That(await Client.GetNamesAsync("/tables?kind=lookup"), Is.EqualTo(new[] { "lookup1" }));
        Assert.That(await Client.GetNamesAsync("/tables?kind=other"), Is.EqualTo(new[] { "lookup1", "scan1" }));
        var (_, details) = await Client.GetAsync("/tabledetails?kind=lookup").ReadTextAsync();
        Assert.That(details, Is.EqualTo("""[{"name":"lookup1","type":"memory","format":"json"}]"""));
    }

    [Test]
    public async Task Update_replaces_the_statement()
    {
        await Client.CreateStreamAsync(Demo);
        const string replacement = "CREATE STREAM demo (temperature float) WITH (DATASOURCE=\"new\", TYPE=\"httppull\")";

        var (status, text) = await Client.PutAsJsonAsync("/streams/demo", new { sql = replacement }).ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((200, "Stream demo is replaced.")));
        Assert.That((await Client.ExportSectionsAsync())["streams"]["demo"], Is.EqualTo(replacement));
        var (_, details) = await Client.GetAsync("/streamdetails").ReadTextAsync();
        Assert.That(details, Is.EqualTo("""[{"name":"demo","type":"httppull","format":"json"}]"""));
    }

    [Test]
    public async Task Update_of_an_absent_name_creates_it_as_eKuiper_does()
    {
        var (status, _) = await Client.PutAsJsonAsync("/tables/scan1", new { sql = Scan }).ReadTextAsync();

        Assert.That(status, Is.EqualTo(200));
        Assert.That(await Client.GetNamesAsync("/tables"), Is.EqualTo(new[] { "scan1" }));
    }

    [Test]
    public async Task Update_is_refused_for_another_name_a_lower_version_or_the_other_kind()
    {
        await Client.CreateStreamAsync("CREATE STREAM demo () WITH (DATASOURCE=\"d\", VERSION=\"2\")");

        (await Client.PutAsJsonAsync("/streams/demo", new { sql = "CREATE STREAM other () WITH (DATASOURCE=\"d\")" }).ReadAsync())
            .AssertError(400, "Stream command error: Replace demo fails: the sql statement must update the demo source.", 3000);
        (await Client.PutAsJsonAsync("/streams/demo", new { sql = "CREATE STREAM demo () WITH (DATASOURCE=\"d\", VERSION=\"1\")" }).ReadAsync())
            .AssertError(400, "Stream command error: source demo already exists with version (2), new version (1) is lower", 3000);
        (await Client.PutAsJsonAsync("/streams/demo", new { sql = "CREATE TABLE demo () WITH (DATASOURCE=\"d\")" }).ReadAsync())
            .AssertError(404, "Stream command error: stream demo is not found");
        (await Client.PutAsJsonAsync("/tables/demo", new { sql = "CREATE TABLE demo () WITH (DATASOURCE=\"d\", VERSION=\"3\")" }).ReadAsync())
            .AssertError(400, "Table command error: Replace demo fails: demo is a stream, not a table.", 3000);

        Assert.That((await Client.ExportSectionsAsync())["streams"]["demo"], Is.EqualTo("CREATE STREAM demo () WITH (DATASOURCE=\"d\", VERSION=\"2\")"));
        Assert.That(await Client.GetNamesAsync("/tables"), Is.Empty);
    }

    [Test]
    public async Task Delete_drops_it_and_a_second_delete_is_404()
    {
        await Client.CreateStreamAsync(Demo);

        var (status, text) = await Client.DeleteAsync("/streams/demo").ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((200, "Stream demo is dropped.")));
        Assert.That(await Client.GetNamesAsync("/streams"), Is.Empty);
        (await Client.DeleteAsync("/streams/demo").ReadAsync()).AssertError(404, "delete stream error: stream demo is not found");
    }

    [Test]
    public async Task Delete_of_a_table_under_streams_is_404_and_keeps_the_table()
    {
        await Client.CreateStreamAsync(Scan, "tables");

        (await Client.DeleteAsync("/streams/scan1").ReadAsync()).AssertError(404, "delete stream error: stream scan1 is not found");

        Assert.That(await Client.GetNamesAsync("/tables"), Is.EqualTo(new[] { "scan1" }));
    }

    [Test]
    public async Task Delete_is_refused_while_rules_read_it_naming_them()
    {
        await Client.CreateStreamAsync(Demo);
        await Client.CreateStreamAsync(Scan, "tables");
        await Client.CreateRuleAsync("""{"id":"r2","sql":"SELECT * FROM demo INNER JOIN scan1 ON demo.ts = scan1.a","actions":[{"log":{}}]}""");
        await Client.CreateRuleAsync("""{"id":"r1","sql":"SELECT temperature FROM demo WHERE ts > 1","actions":[{"log":{}}]}""");

        (await Client.DeleteAsync("/streams/demo").ReadAsync()).AssertError(400, "stream demo has been referenced by other rules");
        (await Client.DeleteAsync("/tables/scan1").ReadAsync()).AssertError(400, "stream scan1 has been referenced by other rules");

        Assert.That(await Client.GetNamesAsync("/streams"), Is.EqualTo(new[] { "demo" }));
        Assert.That(await Client.GetNamesAsync("/tables"), Is.EqualTo(new[] { "scan1" }));
    }

    [Test]
    public async Task Delete_with_force_drops_a_stream_rules_read()
    {
        await Client.CreateStreamAsync(Demo);
        await Client.CreateRuleAsync("""{"id":"r1","sql":"SELECT * FROM demo","actions":[{"log":{}}]}""");

        var (status, _) = await Client.DeleteAsync("/streams/demo?force=true").ReadTextAsync();

        Assert.That(status, Is.EqualTo(200));
        Assert.That(await Client.GetNamesAsync("/streams"), Is.Empty);
    }

    [Test]
    public async Task A_rule_that_only_mentions_the_name_in_a_string_does_not_hold_it()
    {
        await Client.CreateStreamAsync(Demo);
        await Client.CreateStreamAsync("CREATE STREAM other () WITH (DATASOURCE=\"o\")");
        await Client.CreateRuleAsync("""{"id":"r1","sql":"SELECT 'demo' AS label FROM other","actions":[{"log":{}}]}""");

        var (status, _) = await Client.DeleteAsync("/streams/demo").ReadTextAsync();

        Assert.That(status, Is.EqualTo(200));
    }

    [Test]
    public async Task An_imported_stream_can_be_described_and_dropped()
    {
        await Client.ImportContentAsync(EkuiperClient.SeedExample);
        await Client.DeleteAsync("/rules/rule1");
        await Client.DeleteAsync("/rules/rule2");

        var (describeStatus, description) = await Client.GetAsync("/tables/T110").ReadAsync();
        var (dropStatus, _) = await Client.DeleteAsync("/streams/demo").ReadTextAsync();

        Assert.That(describeStatus, Is.EqualTo(200));
        Assert.That(description.GetProperty("StreamFields")[0].GetProperty("Name").GetString(), Is.EqualTo("S1"));
        Assert.That(description.GetProperty("Options").GetProperty("kind").GetString(), Is.EqualTo("scan"));
        Assert.That(dropStatus, Is.EqualTo(200));
        Assert.That(JsonSerializer.Serialize(await Client.GetNamesAsync("/streams")), Is.EqualTo("[]"));
    }
}
