using System.Net;
using System.Net.Sockets;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Infrastructure.Artifacts;
using Microsoft.Extensions.Options;
using Moq;

namespace Ekuiper.Infrastructure.Tests.Artifacts;

/// <summary>Fetch failures read as eKuiper's (Go's) do, behind "fail to download file &lt;uri&gt;: ".</summary>
public sealed class ArtifactFetcherTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "ekuiper-tests", "fetch-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task A_local_file_is_read()
    {
        var path = Path.Combine(_directory, "a.zip");
        await File.WriteAllBytesAsync(path, [1, 2, 3]);

        var bytes = await Fetcher(Answer(HttpStatusCode.OK)).FetchAsync(new Uri(path).AbsoluteUri, CancellationToken.None);

        Assert.That(bytes, Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    [Test]
    public void A_missing_file_is_reported_as_stat_fails()
    {
        var path = Path.Combine(_directory, "missing.zip");
        var uri = new Uri(path).AbsoluteUri;

        Assert.That(Fail(uri, Answer(HttpStatusCode.OK)), Is.EqualTo($"fail to download file {uri}: stat {path}: no such file or directory"));
    }

    [Test]
    public void A_directory_is_not_a_regular_file()
    {
        var uri = new Uri(_directory).AbsoluteUri;

        Assert.That(Fail(uri, Answer(HttpStatusCode.OK)), Is.EqualTo($"fail to download file {uri}: {_directory} is not a regular file"));
    }

    [Test]
    public void A_file_over_the_limit_is_refused()
    {
        var path = Path.Combine(_directory, "big.zip");
        File.WriteAllBytes(path, new byte[11]);
        var uri = new Uri(path).AbsoluteUri;

        Assert.That(Fail(uri, Answer(HttpStatusCode.OK), maxBytes: 10),
            Is.EqualTo($"fail to download file {uri}: the file has 11 bytes, more than the limit of 10"));
    }

    [Test]
    public void An_http_error_status_is_reported_with_its_status_line()
    {
        Assert.That(Fail("http://127.0.0.1:9/a.zip", Answer(HttpStatusCode.NotFound)),
            Is.EqualTo("fail to download file http://127.0.0.1:9/a.zip: cannot download the file with status: 404 Not Found"));
    }

    [Test]
    public void An_unknown_host_is_reported_as_Go_reports_it()
    {
        var handler = Throw(new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known (nowhere.example:443)",
            new SocketException((int)SocketError.HostNotFound)));

        Assert.That(Fail("https://nowhere.example/p.zip", handler), Is.EqualTo(
            "fail to download file https://nowhere.example/p.zip: Get \"https://nowhere.example/p.zip\": dial tcp: lookup nowhere.example: no such host"));
    }

    [Test]
    public void A_refused_connection_is_reported_as_Go_reports_it()
    {
        var handler = Throw(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:9)",
            new SocketException((int)SocketError.ConnectionRefused)));

        Assert.That(Fail("http://127.0.0.1:9/p.zip", handler), Is.EqualTo(
            "fail to download file http://127.0.0.1:9/p.zip: Get \"http://127.0.0.1:9/p.zip\": dial tcp 127.0.0.1:9: connect: connection refused"));
    }

    [TestCase("ftp://host/p.zip", "unsupported scheme ftp; use file://, http:// or https://")]
    [TestCase("p.zip", "not an absolute URI; use file://, http:// or https://")]
    public void Only_file_and_http_uris_are_fetched(string uri, string reason)
    {
        Assert.That(Fail(uri, Answer(HttpStatusCode.OK)), Is.EqualTo($"fail to download file {uri}: {reason}"));
    }

    private static string Fail(string uri, HttpMessageHandler handler, long maxBytes = 1024) =>
        Assert.ThrowsAsync<FetchFailedException>(() => Fetcher(handler, maxBytes).FetchAsync(uri, CancellationToken.None))!.Message;

    private static ArtifactFetcher Fetcher(HttpMessageHandler handler, long maxBytes = 1024)
    {
        var clients = new Mock<IHttpClientFactory>();
        clients.Setup(c => c.CreateClient(ArtifactFetcher.HttpClientName)).Returns(() => new HttpClient(handler, disposeHandler: false));
        return new ArtifactFetcher(clients.Object, Options.Create(new EkuiperOptions { FetchMaxBytes = maxBytes, FetchTimeoutSeconds = 30 }));
    }

    private static StubHandler Answer(HttpStatusCode status) => new(_ => new HttpResponseMessage(status) { Content = new ByteArrayContent([]) });

    private static StubHandler Throw(Exception error) => new(_ => throw error);

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
