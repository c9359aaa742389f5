using System.Net.Http.Json;
using System.Text;
using Ekuiper.Api.Errors;
using Ekuiper.Application.Common.Interfaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>
/// Every error answer comes from <see cref="EkuiperExceptionHandler"/>: an unexpected failure is a 500 "internal error"
/// that says nothing of the exception; routing misses and refused bodies keep eKuiper's shape.
/// </summary>
public sealed class ErrorHandlingTests : ServerTest
{
    private const string Secret = "secret detail";

    /// <summary>A server whose fetcher fails as a bug would, with internals in the exception's message.</summary>
    private static EkuiperApiFactory ServerWithBrokenFetcher()
    {
        var fetcher = new Mock<IArtifactFetcher>();
        fetcher.Setup(f => f.FetchAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException(Secret + ": /var/lib/ekuiper/hidden.db is not what it seems"));
        return new EkuiperApiFactory(services: services => services.AddSingleton(fetcher.Object));
    }

    [Test]
    public async Task An_unexpected_exception_is_500_internal_error_and_never_shows_its_message()
    {
        using var factory = ServerWithBrokenFetcher();
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/data/import", new { file = "file:///tmp/ruleset.json" });
        var text = await response.Content.ReadAsStringAsync();

        Assert.That((int)response.StatusCode, Is.EqualTo(500), text);
        Assert.That(text, Is.EqualTo("{\"error\":1000,\"message\":\"internal error\"}\n"));
        Assert.That(text, Does.Not.Contain(Secret));
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/plain; charset=utf-8"));
    }

    [Test]
    public async Task An_unexpected_exception_in_a_background_import_is_recorded_as_internal_error_only()
    {
        using var factory = ServerWithBrokenFetcher();
        using var client = factory.CreateClient();

        using var started = await client.PostAsJsonAsync("/async/data/import", new { file = "file:///tmp/ruleset.json" });
        var id = System.Text.Json.JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var task = await client.PollUntilDoneAsync(id);

        Assert.That(task.Status(), Is.EqualTo("error"));
        Assert.That(task.Message(), Is.EqualTo("err:internal error, response:null"));
        Assert.That(task.ToString(), Does.Not.Contain(Secret));
    }

    [Test]
    public async Task An_error_answer_is_written_as_Go_http_Error_writes_it_with_its_trailing_newline()
    {
        using var response = await Client.GetAsync("/rules/nosuch");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.That((int)response.StatusCode, Is.EqualTo(404));
        Assert.That(Encoding.UTF8.GetString(bytes),
            Is.EqualTo("{\"error\":1002,\"message\":\"Describe rule error: Rule nosuch is not found.\"}\n"));
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/plain; charset=utf-8"));
        Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
        Assert.That(response.Content.Headers.ContentLength, Is.EqualTo(bytes.Length));
    }

    [TestCase("plain", "\"plain\"")]
    [TestCase("a \"b\" \\ c", "\"a \\\"b\\\" \\\\ c\"")]
    [TestCase("<tag> & 'x' +", "\"<tag> & 'x' +\"")]
    [TestCase("line\nnext\ttab\r", "\"line\\nnext\\ttab\\r\"")]
    [TestCase("caf\u00e9 \u6d41 \U0001F600", "\"caf\u00e9 \u6d41 \U0001F600\"")]
    [TestCase("nbsp\u00a0zw\u200bls\u2028", "\"nbsp\\u00a0zw\\u200bls\\u2028\"")]
    [TestCase("bell\u0007del\u007fnul\u0000", "\"bell\\u0007del\\u007fnul\\u0000\"")]
    public void A_message_is_quoted_as_Go_quotes_it_and_stays_JSON(string message, string quoted)
    {
        Assert.That(GoQuotedString.Quote(message), Is.EqualTo(quoted));
        Assert.That(System.Text.Json.JsonSerializer.Deserialize<string>(quoted), Is.EqualTo(message));
    }

    [Test]
    public async Task A_route_that_does_not_exist_is_404_in_eKuipers_shape()
    {
        (await Client.GetAsync("/no/such/thing").ReadAsync()).AssertError(404, "GET /no/such/thing: Not Found");
    }

    [Test]
    public async Task A_method_a_route_does_not_take_is_405_in_eKuipers_shape()
    {
        (await Client.DeleteAsync("/data/export").ReadAsync()).AssertError(405, "DELETE /data/export: Method Not Allowed");
    }

    [Test]
    public async Task A_body_that_does_not_decode_is_400_in_eKuipers_shape()
    {
        var (status, body) = await Client.PostAsync("/streams", new StringContent("{not json", Encoding.UTF8, "application/json")).ReadAsync();

        Assert.That(status, Is.EqualTo(400), body.ToString());
        Assert.That(body.GetProperty("error").GetInt32(), Is.EqualTo(1000));
        Assert.That(body.GetProperty("message").GetString(),
            Is.EqualTo("Invalid body: Error decoding the statement descriptor: invalid character 'n' looking for beginning of object key string"));
    }

    [Test]
    public async Task A_body_over_the_limit_is_413_in_eKuipers_shape_declared_or_chunked()
    {
        using var factory = new EkuiperApiFactory(settings: new Dictionary<string, string?> { ["Ekuiper:MaxRequestBodyBytes"] = "1024" });
        using var client = factory.CreateClient();
        var large = new string('x', 4096);
        const string message = "the request body is larger than the limit of 1024 bytes (Ekuiper:MaxRequestBodyBytes); " +
                               "import large files by URI with \"file\" instead";

        var declared = await client.PostAsync("/data/import", new StringContent(large, Encoding.UTF8, "application/json")).ReadAsync();
        var chunked = await client.PostAsync("/data/import", new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(large)))
        {
            Headers = { ContentType = new("application/json") },
        }).ReadAsync();

        declared.AssertError(413, message);
        chunked.AssertError(413, message);
    }

    [Test]
    public async Task A_failure_after_the_response_started_only_aborts_it_and_adds_nothing_to_it()
    {
        var sent = new MemoryStream();
        var lifetime = new RecordingLifetime();
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpResponseFeature>(new StartedResponse());
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(sent));
        context.Features.Set<IHttpRequestLifetimeFeature>(lifetime);
        var handler = new EkuiperExceptionHandler(NullLogger<EkuiperExceptionHandler>.Instance);

        var handled = await handler.TryHandleAsync(context, new InvalidOperationException(Secret), CancellationToken.None);

        Assert.That(handled, Is.True);
        Assert.That(lifetime.Aborted, Is.True);
        Assert.That(sent.Length, Is.Zero, "nothing may be appended to a response already on its way");
        Assert.That(context.Response.StatusCode, Is.EqualTo(200));
    }

    private sealed class StartedResponse : HttpResponseFeature
    {
        public override bool HasStarted => true;
    }

    private sealed class RecordingLifetime : IHttpRequestLifetimeFeature
    {
        public bool Aborted { get; private set; }
        public CancellationToken RequestAborted { get; set; }
        public void Abort() => Aborted = true;
    }
}
