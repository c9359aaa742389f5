using System.Text;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>Request bodies over Ekuiper:MaxRequestBodyBytes are answered 413 in eKuiper's shape and change nothing.</summary>
public sealed class BodyLimitTests
{
    private const long Limit = 4096;
    private const string TooLarge =
        "the request body is larger than the limit of 4096 bytes (Ekuiper:MaxRequestBodyBytes); import large files by URI with \"file\" instead";

    private EkuiperApiFactory _factory = null!;
    private HttpClient _client = null!;

    [SetUp]
    public void StartServer()
    {
        _factory = new EkuiperApiFactory(settings: new Dictionary<string, string?> { ["Ekuiper:MaxRequestBodyBytes"] = Limit.ToString() });
        _client = _factory.CreateClient();
    }

    [TearDown]
    public void StopServer()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private static string LargeDocument => AsyncTaskClient.LargeDocument(streams: 100, rules: 0);

    /// <summary>A body sent without Content-Length (chunked), so the server only finds out by reading it.</summary>
    private static HttpContent Chunked(string text) => new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(text)))
    {
        Headers = { ContentType = new("application/json") },
    };

    [Test]
    public async Task An_import_body_over_the_limit_is_413_and_changes_nothing()
    {
        var before = await _client.ExportAsync();

        var declared = await _client.ImportContentAsync(LargeDocument).ReadAsync();
        var chunked = await _client.PostAsync("/data/import", Chunked(System.Text.Json.JsonSerializer.Serialize(new { content = LargeDocument }))).ReadAsync();

        declared.AssertError(413, TooLarge);
        chunked.AssertError(413, TooLarge);
        Assert.That(await _client.ExportAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_rest_body_over_the_limit_is_413_too()
    {
        var rule = "{\"id\":\"r\",\"sql\":\"SELECT * FROM s\",\"actions\":[{\"log\":{}}],\"x\":\"" + new string('x', 5000) + "\"}";

        var answer = await _client.PostAsync("/rules", Chunked(rule)).ReadAsync();

        answer.AssertError(413, TooLarge);
    }

    [Test]
    public async Task A_body_under_the_limit_is_read_as_usual()
    {
        var (status, body) = await _client.ImportContentAsync(EkuiperClient.Document(("streams", "s", "CREATE STREAM s () WITH (DATASOURCE=\"s\")"))).ReadAsync();

        Assert.That(status, Is.EqualTo(200), body.ToString());
    }
}
