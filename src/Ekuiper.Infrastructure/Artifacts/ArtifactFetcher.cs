using System.Net;
using System.Net.Sockets;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Microsoft.Extensions.Options;

namespace Ekuiper.Infrastructure.Artifacts;

/// <summary>
/// Reads file:// and http(s):// URIs with a size and time bound. Failures are worded as eKuiper words them,
/// e.g. "fail to download file file:///x.zip: stat /x.zip: no such file or directory". A file:// path must lie under
/// the configured roots (<see cref="FileSandbox"/>): every file the server reads for an import comes through here.
/// An http(s):// URL, and every redirect it leads to (followed here, at most <see cref="MaxRedirects"/>), is checked by
/// <see cref="OutboundFetchGuard"/> before it is requested; the named client's handler checks the addresses it connects to.
/// </summary>
public sealed class ArtifactFetcher(IHttpClientFactory httpClients, IOptions<EkuiperOptions> options, OutboundFetchGuard? guard = null)
    : IArtifactFetcher
{
    public const string HttpClientName = "artifacts";

    /// <summary>As Go's HTTP client: the eleventh redirect is refused.</summary>
    public const int MaxRedirects = 10;

    private readonly FileSandbox _sandbox = new(options.Value.ResolveFileRoots(), options.Value.AllowExternalFileAccess);
    private readonly OutboundFetchGuard _guard = guard ?? new OutboundFetchGuard(new SystemFetchNetwork(), options);

    public async Task<byte[]> FetchAsync(string uri, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            throw new FetchFailedException(uri, "not an absolute URI; use file://, http:// or https://");
        }
        var limit = options.Value.FetchMaxBytes;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.FetchTimeoutSeconds));
        try
        {
            return parsed.Scheme switch
            {
                "file" => await ReadLocalFileAsync(uri, parsed.LocalPath, limit, timeout.Token),
                "http" or "https" => await DownloadAsync(uri, parsed, limit, timeout.Token),
                _ => throw new FetchFailedException(uri, $"unsupported scheme {parsed.Scheme}; use file://, http:// or https://"),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FetchFailedException(uri, $"Get \"{uri}\": context deadline exceeded (timed out after {options.Value.FetchTimeoutSeconds} s)");
        }
    }

    private async Task<byte[]> ReadLocalFileAsync(string uri, string requested, long limit, CancellationToken cancellationToken)
    {
        // Checked before anything else, so that a path outside the roots tells nothing of what is there.
        var path = _sandbox.Resolve(requested) ?? throw new FetchFailedException(uri,
            $"{requested} is outside the allowed roots ({string.Join(", ", _sandbox.Roots)}); " +
            "put the file under one of them or configure Ekuiper:FileRoots");
        var info = new FileInfo(path);
        if (Directory.Exists(path))
        {
            throw new FetchFailedException(uri, $"{path} is not a regular file");
        }
        if (!info.Exists)
        {
            throw new FetchFailedException(uri, $"stat {path}: no such file or directory");
        }
        if (info.Length > limit)
        {
            throw new FetchFailedException(uri, $"the file has {info.Length} bytes, more than the limit of {limit}");
        }
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FetchFailedException(uri, $"open {path}: {e.Message}");
        }
    }

    private async Task<byte[]> DownloadAsync(string uri, Uri parsed, long limit, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(HttpClientName);
        var current = parsed;
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                if (_guard.Refusal(current) is { } refusal)
                {
                    throw new FetchFailedException(uri, refusal);
                }
                using var response = await client.GetAsync(current, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
                {
                    if (redirects == MaxRedirects)
                    {
                        throw new FetchFailedException(uri, $"Get \"{new Uri(current, location)}\": stopped after {MaxRedirects} redirects");
                    }
                    current = new Uri(current, location);
                    if (current.Scheme is not ("http" or "https"))
                    {
                        throw new FetchFailedException(uri, $"Get \"{current}\": unsupported protocol scheme \"{current.Scheme}\"");
                    }
                    continue;
                }
                return await ReadBodyAsync(uri, response, limit, cancellationToken);
            }
        }
        catch (HttpRequestException e) when (e.InnerException is FetchRefusedException refused)
        {
            throw new FetchFailedException(uri, refused.Message);
        }
        catch (HttpRequestException e)
        {
            throw new FetchFailedException(uri, DescribeConnectionFailure(ReferenceEquals(current, parsed) ? uri : current.ToString(), current, e));
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static async Task<byte[]> ReadBodyAsync(string uri, HttpResponseMessage response, long limit, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new FetchFailedException(uri, $"cannot download the file with status: {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        if (response.Content.Headers.ContentLength > limit)
        {
            throw new FetchFailedException(uri, $"the file has {response.Content.Headers.ContentLength} bytes, more than the limit of {limit}");
        }
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (copy.Length + read > limit)
            {
                throw new FetchFailedException(uri, $"the file is larger than the limit of {limit} bytes");
            }
            copy.Write(buffer, 0, read);
        }
        return copy.ToArray();
    }

    /// <summary>Words a failed request as Go's HTTP client does, which is what eKuiper reports.</summary>
    private static string DescribeConnectionFailure(string uri, Uri parsed, HttpRequestException e)
    {
        var socketError = (e.InnerException as SocketException)?.SocketErrorCode;
        if (e.HttpRequestError == HttpRequestError.NameResolutionError
            || socketError is SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData)
        {
            return $"Get \"{uri}\": dial tcp: lookup {parsed.IdnHost}: no such host";
        }
        if (socketError == SocketError.ConnectionRefused)
        {
            return $"Get \"{uri}\": dial tcp {parsed.IdnHost}:{parsed.Port}: connect: connection refused";
        }
        return $"Get \"{uri}\": {e.Message}";
    }
}
