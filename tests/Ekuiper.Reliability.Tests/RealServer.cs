using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ekuiper.Reliability.Tests;

/// <summary>
/// The real server as its own process (dotnet Ekuiper.Api.dll) on a free loopback port, over a given data directory.
/// <see cref="Kill"/> ends it with SIGKILL, as a power cut or the OOM killer would; disposing always ends it.
/// </summary>
public sealed class RealServer : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RealServer(Process process, Uri address, string dataDirectory)
    {
        DataDirectory = dataDirectory;
        _process = process;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(3) };
    }

    public HttpClient Client { get; }

    /// <summary>The data directory the process serves.</summary>
    public string DataDirectory { get; }

    /// <summary>What the process wrote to stdout and stderr.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The port the server listens on when it is told nowhere (ListenAddresses.DefaultUrl).</summary>
    public const int DefaultPort = 9081;

    /// <param name="settings">Environment variables for the server, e.g. Ekuiper__MaxRequestBodyBytes.</param>
    /// <param name="listenHost">
    /// The host of the --urls it is given, on a free port; null gives it no --urls nor any other address setting, so it
    /// listens where it does by default (port <see cref="DefaultPort"/>).
    /// </param>
    public static Task<RealServer> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null,
        string? listenHost = "127.0.0.1")
    {
        var port = listenHost is null ? DefaultPort : FreePort();
        return LaunchAsync(StartInfo(dataDirectory, port, settings, listenHost: listenHost), port, dataDirectory);
    }

    /// <summary>
    /// Starts the server as the child of a process named <c>systemd</c> (a copy of /bin/sh, which waits for it), the
    /// way the server tells it runs under systemd, with <c>NOTIFY_SOCKET</c> set to <paramref name="notifySocket"/>.
    /// The server's own process id is <see cref="ChildProcessId"/>.
    /// </summary>
    public static Task<RealServer> StartUnderSystemdAsync(string dataDirectory, string notifySocket, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var start = StartInfo(dataDirectory, port, settings);
        var systemd = Path.Combine(dataDirectory + "-systemd", "systemd");
        Directory.CreateDirectory(Path.GetDirectoryName(systemd)!);
        File.Copy("/bin/sh", systemd, overwrite: true);
        var arguments = start.ArgumentList.ToList();
        var command = start.FileName;
        start.FileName = systemd;
        start.ArgumentList.Clear();
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("\"$0\" \"$@\"; code=$?; exit $code"); // a child, not exec'd: its parent stays "systemd"
        start.ArgumentList.Add(command);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["NOTIFY_SOCKET"] = notifySocket;
        return LaunchAsync(start, port, dataDirectory);
    }

    /// <summary>How a server started by <see cref="RunToExitAsync"/> ended.</summary>
    public sealed record Exit(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed);

    /// <summary>
    /// Starts a server and waits for its process to exit (not for it to be ready), up to <paramref name="limit"/>:
    /// for a server that must refuse to start. One still running at the limit is killed and the test fails.
    /// </summary>
    public static async Task<Exit> RunToExitAsync(string dataDirectory, TimeSpan limit, IReadOnlyDictionary<string, string>? settings = null)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(StartInfo(dataDirectory, FreePort(), settings)) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"the server was still running after {limit}:\n{await output}\n{await error}");
        }
        return new Exit(process.ExitCode, await output, await error, clock.Elapsed);
    }

    /// <summary>
    /// Starts <paramref name="api"/> (an Ekuiper.Api.dll) as a service manager would: from
    /// <paramref name="workingDirectory"/> and without <c>--urls</c>, so it listens where its own appsettings.json says,
    /// which must be http://127.0.0.1:<paramref name="port"/>.
    /// </summary>
    public static async Task<RealServer> StartInstalledAsync(string api, string workingDirectory, int port, string dataDirectory,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = StartInfo(dataDirectory, port, settings, api, workingDirectory, listenHost: null);
        // Nothing of the test run's environment may say where the content root is (nor where to listen: StartInfo).
        foreach (var name in new[] { "ASPNETCORE_CONTENTROOT", "DOTNET_CONTENTROOT" })
        {
            start.Environment.Remove(name);
        }
        return await LaunchAsync(start, port, dataDirectory);
    }

    private static async Task<RealServer> LaunchAsync(ProcessStartInfo start, int port, string dataDirectory)
    {
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        var server = new RealServer(process, new Uri($"http://127.0.0.1:{port}"), dataDirectory);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The process id of the started process's one child (the server, when a wrapper started it).</summary>
    public int ChildProcessId =>
        int.Parse(File.ReadAllText($"/proc/{_process.Id}/task/{_process.Id}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Single(),
            System.Globalization.CultureInfo.InvariantCulture);

    private static ProcessStartInfo StartInfo(string dataDirectory, int port, IReadOnlyDictionary<string, string>? settings,
        string? api = null, string? workingDirectory = null, string? listenHost = "127.0.0.1")
    {
        api ??= typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(api)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(api);
        if (listenHost is not null)
        {
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add($"http://{listenHost}:{port}");
        }
        else
        {
            foreach (var inherited in new[] { "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS",
                         "DOTNET_HTTP_PORTS", "DOTNET_HTTPS_PORTS", "URLS" })
            {
                start.Environment.Remove(inherited);
            }
        }
        start.Environment["Ekuiper__DataDirectory"] = dataDirectory;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in TestStore.EnvironmentFor(dataDirectory))
        {
            start.Environment[key] = value;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        return start;
    }

    /// <summary>Waits up to <paramref name="limit"/> for the process to exit by itself; null when it is still running.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Ends the process at once with SIGKILL: no shutdown code runs, nothing is flushed.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // never started
        }
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + StartLimit;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {_process.ExitCode} while starting:\n{Output}");
            }
            try
            {
                using var response = await Client.GetAsync("/ping");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the server did not answer /ping within {StartLimit}:\n{Output}");
    }

    /// <summary>A port the system hands out free now; others on this machine run servers too, so never a fixed one.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string NewDataDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "ekuiper-reliability", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static void DeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder must not fail the run
        }
    }
}
