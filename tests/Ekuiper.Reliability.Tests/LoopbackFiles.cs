using System.Net;

namespace Ekuiper.Reliability.Tests;

/// <summary>
/// Files served over HTTP on 127.0.0.1 (a free port) to the server processes, 404 for anything else; disposing stops
/// the listener, after which the URLs are refused as an unreachable host's would be.
/// </summary>
public sealed class LoopbackFiles : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly Task _serving;

    public LoopbackFiles()
    {
        BaseAddress = $"http://127.0.0.1:{RealServer.FreePort()}";
        _listener.Prefixes.Add(BaseAddress + "/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string BaseAddress { get; }

    /// <returns>The URL the file is served at.</returns>
    public string Serve(string path, byte[] content)
    {
        lock (_files)
        {
            _files[path] = content;
        }
        return BaseAddress + path;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }
            byte[]? content;
            lock (_files)
            {
                content = _files.GetValueOrDefault(context.Request.Url!.AbsolutePath);
            }
            using var response = context.Response;
            if (content is null)
            {
                response.StatusCode = 404;
                continue;
            }
            response.ContentType = "application/octet-stream";
            response.ContentLength64 = content.Length;
            await response.OutputStream.WriteAsync(content);
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
