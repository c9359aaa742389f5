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

    private LoopbackFileServer(WebApplication app) => _app = app;

    public string BaseAddress { get; private set; } = string.Empty;

    public static async Task<LoopbackFileServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LoopbackFileServer(app);
        app.Run(async context =>
        {
            if (server._files.TryGetValue(context.Request.Path.Value ?? string.Empty, out var content))
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

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
