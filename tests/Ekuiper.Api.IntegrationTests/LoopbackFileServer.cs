using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>An HTTP server on 127.0.0.1 (a free port) that serves the files a test gives it, and 404 for anything else.</summary>
public sealed class LoopbackFileServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _redirects = new(StringComparer.Ordinal);
    private int _requests;

    private LoopbackFileServer(WebApplication app) => _app = app;

    public string BaseAddress { get; private set; } = string.Empty;

    /// <summary>How many requests the server has received.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<LoopbackFileServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LoopbackFileServer(app);
        app.Run(async context =>
        {
            Interlocked.Increment(ref server._requests);
            if (server._redirects.TryGetValue(context.Request.Path.Value ?? string.Empty, out var location))
            {
                context.Response.Redirect(location);
            }
            else if (server._files.TryGetValue(context.Request.Path.Value ?? string.Empty, out var content))
            {
                context.Response.ContentType = "application/octet-stream";
                await context.Response.Body.WriteAsync(content);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        });
        await app.StartAsync();
        server.BaseAddress = app.Urls.Single();
        return server;
    }

    /// <returns>The URL the file is served at.</returns>
    public string Serve(string path, byte[] content)
    {
        _files[path] = content;
        return BaseAddress + path;
    }

    /// <returns>The URL that answers 302 with <paramref name="location"/>.</returns>
    public string Redirect(string path, string location)
    {
        _redirects[path] = location;
        return BaseAddress + path;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
