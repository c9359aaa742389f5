using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Ekuiper.Bench.Targets;

/// <summary>
/// The real server (Ekuiper.Api, built beside the bench) in a child process on a loopback port Kestrel picks, over
/// its own data directory. Its own process, so that its peak working set is measured alone and with the server's
/// garbage collector settings.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(15) };
    }

    public HttpClient Client { get; }

    public int ProcessId => _process.Id;

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    /// <param name="environment">More environment variables for the server (the PostgreSQL store's settings).</param>
    public static async Task<ServerProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var serverDll = Path.Combine(AppContext.BaseDirectory, "Ekuiper.Api.dll");
        var start = new ProcessStartInfo(DotnetHost(), [serverDll, "--urls", "http://127.0.0.1:0", "--Ekuiper:DataDirectory", dataDirectory])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // A 100,000-rule document is larger than the server's default body limit (64 MiB); the bench's own server
        // takes bodies up to 1 GiB, set the way an operator would set it.
        start.Environment["Ekuiper__MaxRequestBodyBytes"] = (1L << 30).ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var process = new Process { StartInfo = start };
        // Both streams are drained for the whole life of the server, so that its logging never blocks it.
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var started = await Task.WhenAny(listening.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(90)));
        if (started != listening.Task)
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
            throw new InvalidOperationException($"the server did not start:{Environment.NewLine}{string.Join(Environment.NewLine, output.TakeLast(30))}");
        }
        return new ServerProcess(process, await listening.Task);

        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }
            output.Enqueue(line);
            while (output.Count > 100 && output.TryDequeue(out _))
            {
            }
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        }
    }

    /// <summary>The dotnet executable that runs this bench (set by the CLI), else the one on the PATH.</summary>
    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
