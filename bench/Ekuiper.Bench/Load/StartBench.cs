using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ekuiper.Bench.Targets;

namespace Ekuiper.Bench.Load;

/// <summary>
/// The start times of one store: every timed run's, from exec to the first 200 of /ping, and the CPU time (user +
/// system, all threads) the server had used by then — less moved by the machine's other work than the wall time;
/// and from exec to the first 200 of /readyz (polled from the first /ping on), when the whole start is done.
/// </summary>
public sealed record StartResult(string Store, IReadOnlyList<double> Milliseconds, IReadOnlyList<double> CpuMilliseconds,
    IReadOnlyList<double> ReadyMilliseconds)
{
    public double MedianMilliseconds => Median(Milliseconds);

    public double MedianCpuMilliseconds => Median(CpuMilliseconds);

    public double MedianReadyMilliseconds => Median(ReadyMilliseconds);

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>
/// Start time of the published server (docs/performance.md, "Load and start"): <c>dotnet publish -c Release</c> of
/// src/Ekuiper.Api into a scratch folder, then, per store, one untimed start (the files into the page cache) and
/// the timed ones: from just before exec of the published executable (its apphost; <c>dotnet Ekuiper.Api.dll</c>
/// when there is none) to the first <c>GET /ping</c> answered 200, polled every 2 ms on a loopback port chosen
/// beforehand, then <c>GET /readyz</c> the same way until it answers 200 (ready: the part of the start that runs
/// after the server listens is done too). Each start gets a fresh data directory: empty, or holding a copy of its
/// store and of the task store, as a stopped server leaves it; the server is killed once ready.
/// </summary>
public sealed class StartBench(Dataset data, int runs, string scratch)
{
    public const string NewDirectory = "new data directory (store created)";

    public async Task<IReadOnlyList<StartResult>> RunAsync()
    {
        var published = await PublishAsync();
        var results = new List<StartResult>();
        foreach (var (name, store) in new (string, string?)[]
                 {
                     (NewDirectory, null),
                     ("empty store (schema, no rows)", data.EmptyStore),
                     ($"{data.RuleCount:N0} rules", data.FullStore),
                 })
        {
            Console.Error.Write($"  start, {name,-36}");
            await StartOnceAsync(published, store);
            var times = new List<double>();
            var cpu = new List<double>();
            var ready = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var (time, cpuTime, readyTime) = await StartOnceAsync(published, store);
                times.Add(time);
                cpu.Add(cpuTime);
                ready.Add(readyTime);
                Console.Error.Write($" {time:F0} (CPU {cpuTime:F0}, ready {readyTime:F0})");
            }
            Console.Error.WriteLine(" ms");
            results.Add(new StartResult(name, times, cpu, ready));
        }
        return results;
    }

    private async Task<string> PublishAsync()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Ekuiper.sln")))
        {
            root = root.Parent;
        }
        if (root is null)
        {
            throw new BenchFailure($"no Ekuiper.sln above {AppContext.BaseDirectory}: the start time needs the repository to publish the server");
        }
        var output = Path.Combine(scratch, "published");
        var project = Path.Combine(root.FullName, "src", "Ekuiper.Api", "Ekuiper.Api.csproj");
        Console.Error.WriteLine($"start: dotnet publish -c Release {Path.GetRelativePath(root.FullName, project)} -o {output}");
        var start = new ProcessStartInfo(ServerProcess.DotnetHost(), ["publish", project, "-c", "Release", "-o", output, "--nologo", "-v", "quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new BenchFailure($"dotnet publish failed ({process.ExitCode}): {await stdout}{await stderr}");
        }
        return output;
    }

    /// <summary>
    /// One start on a fresh data directory (holding a copy of <paramref name="store"/> and the task store, if given):
    /// its time to the first /ping and the CPU time by then, and its time to the first ready /readyz, in ms.
    /// </summary>
    private async Task<(double Milliseconds, double CpuMilliseconds, double ReadyMilliseconds)> StartOnceAsync(string published, string? store)
    {
        using var directory = ScratchDirectory.Create(scratch, "start", store, store is null ? null : data.TasksStore);
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var apphost = Path.Combine(published, OperatingSystem.IsWindows() ? "Ekuiper.Api.exe" : "Ekuiper.Api");
        string[] arguments = ["--urls", address.ToString().TrimEnd('/'), "--Ekuiper:DataDirectory", directory.Path];
        var start = File.Exists(apphost)
            ? new ProcessStartInfo(apphost, arguments)
            : new ProcessStartInfo(ServerProcess.DotnetHost(), [Path.Combine(published, "Ekuiper.Api.dll"), .. arguments]);
        start.WorkingDirectory = published;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var ping = RawHttpConnection.Get(address, LoadBench.Ping);
        var readyz = RawHttpConnection.Get(address, "/readyz");
        using var process = new Process { StartInfo = start };
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        var watch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var elapsed = await FirstOkAsync(ping, LoadBench.Ping);
            process.Refresh();
            var cpuTime = process.TotalProcessorTime.TotalMilliseconds;
            return (elapsed, cpuTime, await FirstOkAsync(readyz, "/readyz"));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
            await process.WaitForExitAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        // The time from exec to the first 200 of the request, polled every 2 ms.
        async Task<double> FirstOkAsync(byte[] request, string path)
        {
            while (true)
            {
                using var connection = new RawHttpConnection(address);
                try
                {
                    if (await connection.SendAsync(request) == 200)
                    {
                        return watch.Elapsed.TotalMilliseconds;
                    }
                }
                catch (Exception e) when (e is SocketException or IOException)
                {
                }
                if (process.HasExited || watch.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new BenchFailure($"the published server did not answer {path}:{Environment.NewLine}{string.Join(Environment.NewLine, output.TakeLast(30))}");
                }
                await Task.Delay(2);
            }
        }

        void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }
            output.Enqueue(line);
            while (output.Count > 100 && output.TryDequeue(out _))
            {
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
