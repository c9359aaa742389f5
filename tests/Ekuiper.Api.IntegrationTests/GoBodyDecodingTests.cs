using System.Text;
using System.Text.Json;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>
/// Bodies eKuiper's handlers cannot decode, answered byte for byte as eKuiper answers them: Go's encoding/json texts
/// inside each handler's frame, for conf keys (json.Unmarshal into a map), JavaScript functions (Decode into js.Script)
/// and the import bodies (Decode into the handler's struct).
/// </summary>
public sealed class GoBodyDecodingTests : ServerTest
{
    private async Task AssertRefusedAsync(HttpMethod method, string path, string body, int code, string message)
    {
        using var response = await Client.SendTextAsync(method, path, body);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());

        Assert.That((int)response.StatusCode, Is.EqualTo(400), text);
        Assert.That(text, Is.EqualTo($"{{\"error\":{code},\"message\":{Quoted(message)}}}\n"));
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/plain; charset=utf-8"));
    }

    private const string Map = "map[string]interface {}";

    [TestCase("\"text\"", $"json: cannot unmarshal string into Go value of type {Map}")]
    [TestCase("[1]", $"json: cannot unmarshal array into Go value of type {Map}")]
    [TestCase("5", $"json: cannot unmarshal number into Go value of type {Map}")]
    [TestCase("not json", "invalid character 'o' in literal null (expecting 'u')")]
    [TestCase("server=a", "invalid character 's' looking for beginning of value")]
    [TestCase("", "unexpected end of JSON input")]
    [TestCase("{\"server\":", "unexpected end of JSON input")]
    [TestCase("{} {}", "invalid character '{' after top-level value")]
    public async Task A_conf_key_body_Go_cannot_unmarshal_is_refused_in_eKuipers_words(string body, string reason)
    {
        await Client.SendTextAsync(HttpMethod.Put, "/metadata/sources/mqtt/confKeys/td", """{"server":"a"}""");

        await AssertRefusedAsync(HttpMethod.Put, "/metadata/sources/mqtt/confKeys/td", body, 5000, $"Type conversion failed:mqtt.{reason}");
        await AssertRefusedAsync(HttpMethod.Put, "/metadata/sinks/influx/confKeys/td", body, 5000, $"Type conversion failed:influx.{reason}");
        await AssertRefusedAsync(HttpMethod.Put, "/metadata/connections/mqtt/confKeys/td", body, 1000, $"Invalid body: {reason}");

        var exported = await Client.ExportSectionsAsync();
        Assert.That(exported["sourceConfig"]["mqtt"], Is.EqualTo("""{"td":{"server":"a"}}"""));
        Assert.That(exported["sinkConfig"], Is.Empty);
        Assert.That(exported["connectionConfig"], Is.Empty);
    }

    [Test]
    public async Task A_conf_key_body_of_null_is_stored_as_an_empty_key_as_Go_unmarshals_it()
    {
        var (status, text) = await Client.SendTextAsync(HttpMethod.Put, "/metadata/sinks/influx/confKeys/empty", "null").ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((200, "")));
        Assert.That((await Client.ExportSectionsAsync())["sinkConfig"]["influx"], Is.EqualTo("""{"empty":{}}"""));
    }

    [TestCase("""{"id":5}""", "json: cannot unmarshal number into Go struct field Script.id of type string")]
    [TestCase("""{"id":"f","script":"function f() {}","ISAGG":"no"}""", "json: cannot unmarshal string into Go struct field Script.isAgg of type bool")]
    [TestCase("""{"id":"f","description":{},"script":1}""", "json: cannot unmarshal object into Go struct field Script.description of type string")]
    [TestCase("[1]", "json: cannot unmarshal array into Go value of type js.Script")]
    [TestCase("function f() {}", "invalid character 'u' in literal false (expecting 'a')")]
    [TestCase("""{"id":"f" "script":1}""", "invalid character '\"' after object key:value pair")]
    [TestCase("""{"id":""", "unexpected EOF")]
    [TestCase("", "EOF")]
    public async Task A_function_body_Go_cannot_decode_is_refused_in_eKuipers_words(string body, string reason)
    {
        await AssertRefusedAsync(HttpMethod.Post, "/udf/javascript", body, 1000,
            $"Invalid body: Error decoding the new javascript function json: {reason}");
        await AssertRefusedAsync(HttpMethod.Put, "/udf/javascript/f", body, 1000,
            $"Invalid body: Error decoding the javascript function json: {reason}");

        Assert.That(await Client.GetNamesAsync("/udf/javascript"), Is.Empty);
    }

    [Test]
    public async Task What_follows_a_functions_first_JSON_value_is_not_read_as_in_eKuiper()
    {
        const string function = """{"id":"f","script":"function f() { return 1; }"}""";

        var (status, text) = await Client.SendTextAsync(HttpMethod.Post, "/udf/javascript", function + " trailing").ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((201, "javascript function f is created")));
        Assert.That((await Client.ExportSectionsAsync())["scripts"]["f"], Is.EqualTo(function));
    }

    [TestCase("/data/import", """{"content":5}""", "json: cannot unmarshal number into Go struct field configurationInfo.content of type string")]
    [TestCase("/data/import", """{"FILE":["a"]}""", "json: cannot unmarshal array into Go struct field configurationInfo.file of type string")]
    [TestCase("/data/import", "\"{}\"", "json: cannot unmarshal string into Go value of type server.configurationInfo")]
    [TestCase("/data/import", """{"content":5,"file":]""", "invalid character ']' looking for beginning of value")]
    [TestCase("/data/import", """{content:"{}"}""", "invalid character 'c' looking for beginning of object key string")]
    [TestCase("/data/import", """{"content":"{}""", "unexpected EOF")]
    [TestCase("/data/import", "", "EOF")]
    [TestCase("/async/data/import", "[]", "json: cannot unmarshal array into Go value of type server.configurationInfo")]
    [TestCase("/ruleset/import", """{"file":true}""", "json: cannot unmarshal bool into Go struct field rulesetInfo.file of type string")]
    [TestCase("/v2/data/import", """{"partial":"yes","content":"streams: {}"}""", "json: cannot unmarshal string into Go struct field importConfiguration.partial of type bool")]
    [TestCase("/v2/data/import", "1", "json: cannot unmarshal number into Go value of type server.importConfiguration")]
    public async Task An_import_body_Go_cannot_decode_is_refused_in_eKuipers_words(string path, string body, string reason)
    {
        await AssertRefusedAsync(HttpMethod.Post, path, body, 1000, $"Invalid body: Error decoding json: {reason}");

        Assert.That(await Client.GetNamesAsync("/streams"), Is.Empty);
    }

    [Test]
    public async Task An_import_body_of_null_is_an_empty_body_and_what_follows_the_first_value_is_not_read()
    {
        await AssertRefusedAsync(HttpMethod.Post, "/data/import", "null", 1000, "Invalid body: must specify content or file");

        var document = JsonSerializer.Serialize(new { streams = new { demo = "CREATE STREAM demo () WITH (DATASOURCE=\"t\")" } });
        var body = JsonSerializer.Serialize(new { content = document, partial = true }) + " {not read";
        var (status, _) = await Client.SendTextAsync(HttpMethod.Post, "/data/import?partial=1", body).ReadTextAsync();

        Assert.That(status, Is.EqualTo(200));
        Assert.That(await Client.GetNamesAsync("/streams"), Is.EqualTo(new[] { "demo" }));
    }

    /// <summary>The message as Go's %q writes it (printable text: only backslashes and quotes are escaped).</summary>
    private static string Quoted(string message) => "\"" + message.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
