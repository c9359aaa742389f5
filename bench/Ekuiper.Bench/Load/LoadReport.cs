namespace Ekuiper.Bench.Load;

/// <summary>
/// The load and start sections as markdown tables, each number beside its target. The targets are reported, never
/// judged: they do not change the exit code (the machine's other work moves these numbers most).
/// </summary>
public sealed class LoadReport(LoadResults? load, IReadOnlyList<StartResult>? start, int startRuns)
{
    private const double ReadRatioTarget = 0.5;
    private const double ReadP99TargetMs = 10;
    private const double MixedRatioTarget = 0.25;
    private const double ListRatioTarget = 0.5;
    private const double StartEmptyTargetMs = 1000;
    private const double StartRulesTargetMs = 1500;

    public void Print(TextWriter output)
    {
        if (load is not null)
        {
            PrintLoad(output, load);
        }
        if (start is not null)
        {
            output.WriteLine();
            output.WriteLine($"Start of the published server (dotnet publish -c Release), exec to the first 200 of GET /ping, median of {startRuns} after an untimed start:");
            output.WriteLine();
            output.WriteLine("| store | median ms | runs ms | server CPU ms (median) | ready ms (median, first /readyz 200) | target |");
            output.WriteLine("|---|---:|---|---:|---:|---|");
            foreach (var result in start)
            {
                var target = result.Store == StartBench.NewDirectory ? (double?)null
                    : result.Store.StartsWith("empty", StringComparison.Ordinal) ? StartEmptyTargetMs : StartRulesTargetMs;
                output.WriteLine($"| {result.Store} | {result.MedianMilliseconds:F0} | {string.Join(" ", result.Milliseconds.Select(m => m.ToString("F0")))} | {result.MedianCpuMilliseconds:F0} | {result.MedianReadyMilliseconds:F0} | " +
                                 (target is { } t ? $"≤ {t:F0} ms: {Mark(result.MedianMilliseconds <= t)}" : "(none)") + " |");
            }
        }
        output.WriteLine();
        output.WriteLine("The load and start targets are reported, not judged: they do not change the exit code.");
    }

    private static void PrintLoad(TextWriter output, LoadResults load)
    {
        var settings = load.Settings;
        var ping = load.Reads.Single(r => r.Path == LoadBench.Ping);
        output.WriteLine();
        output.WriteLine($"Load on SQLite, {load.RuleCount:N0} rules stored: {settings.Connections} HTTP/1.1 keep-alive connections, each sending one GET after " +
                         $"another, {settings.Duration.TotalSeconds:0.#} s measured after {settings.WarmUp.TotalSeconds:0.#} s of warm-up. " +
                         $"During the /ping run the load generator used {ping.GeneratorCpuShare:P0} of the CPU time the bench and the server used together.");
        if (ServerConfiguration() is { } configuration && configuration != "Release")
        {
            output.WriteLine($"The server was built {configuration}, not Release (dotnet run -c Release measures the Release build).");
        }
        output.WriteLine();
        output.WriteLine("| GET | requests/s | × /ping | p50 ms | p99 ms | max ms | server CPU µs/request | target (≥ 0.5× /ping, p99 ≤ 10 ms) |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var read in load.Reads)
        {
            var ratio = read.RequestsPerSecond / ping.RequestsPerSecond;
            var p99 = read.Latencies.PercentileMilliseconds(0.99);
            var verdict = read.Path == LoadBench.Ping ? "(the ceiling)" : Mark(ratio >= ReadRatioTarget && p99 <= ReadP99TargetMs);
            output.WriteLine($"| {Shown(read.Path)} | {read.RequestsPerSecond:F0} | {ratio:F2} | {read.Latencies.PercentileMilliseconds(0.5):F2} | {p99:F2} | " +
                             $"{read.Latencies.MaxMicroseconds / 1000.0:F1} | {read.ServerCpuMicrosecondsPerRequest:F0} | {verdict} |");
        }

        output.WriteLine();
        output.WriteLine($"The same reads while an async full import of the {load.RuleCount:N0} rules runs (POST /async/data/import, one import per read; " +
                         "the window is from the first poll that sees the task running to the first that sees it finished, polled every 5 ms). " +
                         "A request waited for the import when its latency is at least half the import's time and more than twice the longest of the same read's run without an import.");
        output.WriteLine();
        output.WriteLine("| GET, during the import | import ms | requests/s | × /ping | × the read alone | p99 ms | max ms | waited for the import | target (≥ 0.25× /ping, never waits) |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var (result, sawRunning) in load.Mixed)
        {
            var ratio = result.RequestsPerSecond / ping.RequestsPerSecond;
            var max = result.Latencies.MaxMicroseconds / 1000.0;
            var aloneRun = load.Reads.Single(r => r.Path == result.Path);
            var alone = aloneRun.Latencies.MaxMicroseconds / 1000.0;
            var waited = max >= result.WindowMilliseconds / 2 && max > 2 * alone;
            output.WriteLine($"| {Shown(result.Path)} | {result.WindowMilliseconds:F0}{(sawRunning ? "" : " (from the POST)")} | {result.RequestsPerSecond:F0} | {ratio:F2} | " +
                             $"{result.RequestsPerSecond / aloneRun.RequestsPerSecond:F2} | {result.Latencies.PercentileMilliseconds(0.99):F2} | {max:F1} | {(waited ? "yes" : "no")} | {Mark(ratio >= MixedRatioTarget && !waited)} |");
        }

        output.WriteLine();
        output.WriteLine($"Lists of the whole store, one request at a time, median of {settings.ListRuns} after an untimed one, against the whole export (GET /data/export) in the same run:");
        output.WriteLine();
        output.WriteLine("| GET | median ms | MB | × whole export | target (≤ 0.5×) |");
        output.WriteLine("|---|---:|---:|---:|---|");
        var export = load.Lists[0].ExportMedianMilliseconds;
        output.WriteLine($"| /data/export | {export:F0} |  | 1.00 | |");
        foreach (var list in load.Lists)
        {
            var ratio = list.MedianMilliseconds / list.ExportMedianMilliseconds;
            output.WriteLine($"| {list.Path} | {list.MedianMilliseconds:F0} | {list.Bytes / 1e6:F1} | {ratio:F2} | {Mark(ratio <= ListRatioTarget)} |");
        }
    }

    /// <summary>The build configuration of the server the bench starts (the Ekuiper.Api.dll built beside it).</summary>
    private static string? ServerConfiguration() =>
        System.Reflection.Assembly.Load("Ekuiper.Api").GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration;

    /// <summary>A path with the generated ids replaced by their placeholders, so that the table reads the same every run.</summary>
    private static string Shown(string path) => path switch
    {
        _ when path.StartsWith("/async/task/", StringComparison.Ordinal) => "/async/task/{id}",
        _ when path.StartsWith("/rules/", StringComparison.Ordinal) => "/rules/{id}",
        _ when path.StartsWith("/streams/", StringComparison.Ordinal) => "/streams/{name}",
        _ => path,
    };

    private static string Mark(bool met) => met ? "met" : "**miss**";
}
