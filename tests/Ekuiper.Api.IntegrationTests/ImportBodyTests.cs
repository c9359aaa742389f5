using System.Text;
using System.Text.Json;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>
/// The body of POST /data/import is read once and its content unescaped in place, as UTF-8; it must read exactly as a
/// JSON parser reads it, and refuse what a JSON parser refuses.
/// </summary>
public sealed class ImportBodyTests : ServerTest
{
    private Task<HttpResponseMessage> PostAsync(string body, string path = "/data/import") =>
        Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    [Test]
    public async Task Content_full_of_escapes_and_non_ASCII_text_lands_exactly_as_written()
    {
        var rule = """{"id":"r1","sql":"SELECT 'café ☕ 😀', \"quoted\" FROM demo WHERE a = '\\\\'","actions":[{"log":{}}]}""";
        var document = EkuiperClient.Document(
            ("streams", "demo", "CREATE STREAM demo () WITH (DATASOURCE=\"users/é\", FORMAT=\"JSON\")"),
            ("rules", "r1", rule));
        // Escape everything that can be escaped, so that the content is mostly escape sequences.
        var body = JsonSerializer.Serialize(new { content = document },
            new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default });
        Assert.That(body, Does.Contain("\\u00E9").Or.Contain("\\u00e9"), "the body carries escaped non-ASCII text");

        var (status, response) = await PostAsync(body).ReadAsync();

        Assert.That(status, Is.EqualTo(200), response.ToString());
        var export = await Client.ExportSectionsAsync();
        Assert.That(export["rules"]["r1"], Is.EqualTo(rule));
        Assert.That(export["streams"]["demo"], Does.Contain("users/é"));
    }

    [Test]
    public async Task Property_names_match_in_any_case_and_other_properties_are_ignored()
    {
        var content = JsonSerializer.Serialize(EkuiperClient.SeedExampleWithoutPlugins);

        var (status, response) = await PostAsync($$"""{"other":[1,{"x":"\u00e9"}],"CONTENT":{{content}}}""").ReadAsync();

        Assert.That(status, Is.EqualTo(200), response.ToString());
        Assert.That((await Client.ExportSectionsAsync())["rules"].Keys, Is.EquivalentTo(new[] { "rule1", "rule2" }));
    }

    [Test]
    public async Task A_null_content_beside_a_file_imports_the_file()
    {
        var (status, response) = await PostAsync("""{"content":null,"File":"file:///nonexistent/a.json"}""").ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        Assert.That(response.GetProperty("message").GetString(), Does.Contain("file:///nonexistent/a.json"));
    }

    [Test]
    public async Task An_async_import_gets_the_same_content()
    {
        var rule = """{"id":"r1","sql":"SELECT 'é' FROM demo","actions":[{"log":{}}]}""";
        var document = EkuiperClient.Document(("streams", "demo", "CREATE STREAM demo () WITH (DATASOURCE=\"d\")"), ("rules", "r1", rule));

        var id = await Client.StartImportIdAsync(document);
        var task = await Client.PollUntilDoneAsync(id);

        Assert.That(task.Status(), Is.EqualTo("finish"), task.ToString());

        Assert.That((await Client.ExportSectionsAsync())["rules"]["r1"], Is.EqualTo(rule));
    }

    [TestCase("""{"content":5}""", TestName = "content is a number")]
    [TestCase("""{"file":true}""", TestName = "file is a boolean")]
    [TestCase("""["content"]""", TestName = "body is an array")]
    [TestCase("""{"content":"{}""", TestName = "unterminated string")]
    [TestCase("""{"content":"\ud800"}""", TestName = "content with half a surrogate pair")]
    [TestCase("""{"file":"\udc00"}""", TestName = "file with half a surrogate pair")]
    [TestCase("", TestName = "empty body")]
    public async Task A_body_that_is_not_the_expected_JSON_is_refused_as_eKuiper_refuses_it(string body)
    {
        var (status, response) = await PostAsync(body).ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        Assert.That(response.GetProperty("error").GetInt32(), Is.EqualTo(1000));
        Assert.That(response.GetProperty("message").GetString(), Does.StartWith("Invalid body: "));
        Assert.That(await Client.ExportSectionsAsync(), Has.All.Property("Value").Empty);
    }

    [TestCase(true, TestName = "content with escapes that is not UTF-8")]
    [TestCase(false, TestName = "content without escapes that is not UTF-8")]
    public async Task Content_that_is_not_UTF8_is_refused(bool escaped)
    {
        byte[] body = escaped
            ? [.. "{\"content\":\"{\\\"streams\\\":{\\\"a\\\":\\\""u8, 0xFF, .. "\\\"}}\"}"u8]
            : [.. "{\"content\":\"{}"u8, 0xC0, 0xAF, .. "\"}"u8];

        var (status, answer) = await Client.PostAsync("/data/import", new ByteArrayContent(body)).ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        Assert.That(answer.GetProperty("message").GetString(), Does.StartWith("Invalid body: Error decoding json: "));
        Assert.That(await Client.ExportSectionsAsync(), Has.All.Property("Value").Empty);
    }
}
