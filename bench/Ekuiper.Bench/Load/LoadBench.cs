using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Ekuiper.Bench.Targets;
using Ekuiper.Domain.Sql;

namespace Ekuiper.Bench.Load;

/// <param name="Connections">Concurrent keep-alive connections of each load run.</param>
/// <param name="WarmUp">How long each load run goes before its window opens.</param>
/// <param name="Duration">How long each fixed load run's window lasts.</param>
/// <param name="ListRuns">Timed requests of each list and of the whole export (after one untimed).</param>
public sealed record LoadSettings(int Connections, TimeSpan WarmUp, TimeSpan Duration, int ListRuns);

/// <summary>A read measured during an async full import: its load run, and how long the import ran (the window).</summary>
/// <param name="SawRunning">Whether the window opened when the task was seen running (else at the POST: it finished between two polls).</param>
public sealed record MixedResult(LoadResult Load, bool SawRunning);

/// <summary>The median time of one request of a list of the whole store, and of the whole export in the same run.</summary>
public sealed record ListResult(string Path, double MedianMilliseconds, double ExportMedianMilliseconds, long Bytes);

public sealed record LoadResults(int RuleCount, LoadSettings Settings, IReadOnlyList<LoadResult> Reads, IReadOnlyList<MixedResult> Mixed,
    IReadOnlyList<ListResult> Lists);

/// <summary>
/// The load section (docs/performance.md, "Load and start"): the real server over a store filled by a full import of
/// the data set, one async task made, then load runs of /ping (the framework's ceiling in this run) and of the
/// store's small reads; the same reads while an async full import runs; and the lists of the whole store, timed one
/// request at a time against the whole export. Every read is checked to answer 200 first.
/// </summary>
public sealed class LoadBench(Dataset data, LoadSettings settings, string scratch)
{
    public const string Ping = "/ping";

    public async Task<LoadResults> RunAsync()
    {
        var n = data.RuleCount;
        Console.Error.WriteLine($"load: {n} rules on SQLite, {settings.Connections} connections, {settings.WarmUp.TotalSeconds:0.#} s warm-up + {settings.Duration.TotalSeconds:0.#} s per read");
        using var directory = ScratchDirectory.Create(scratch, "load");
        await using var server = await ServerProcess.StartAsync(directory.Path);
        await SizeBench.PostFileAsync(server, "/data/import", data.ImportBodyPath);
        var taskId = await StartAsyncImportAsync(server);
        await WaitForTaskAsync(server, taskId, _ => { });

        var rule = data.Metadata.Rules[n / 2].Id;
        var stream = data.Metadata.Streams.Where(s => s.Kind == StreamKind.Stream).Select(s => s.Name).ElementAt(n / 4);
        var reads = new[]
        {
            $"/async/task/{Uri.EscapeDataString(taskId)}",
            "/async/tasks",
            "/data/import/status",
            $"/rules/{Uri.EscapeDataString(rule)}",
            $"/streams/{Uri.EscapeDataString(stream)}",
        };
        foreach (var path in reads.Prepend(Ping))
        {
            using var response = await server.Client.GetAsync(path);
            if (!response.IsSuccessStatusCode)
            {
                throw new BenchFailure($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        var generator = new LoadGenerator(server.Client.BaseAddress!, settings.Connections);
        var results = new List<LoadResult>();
        foreach (var path in reads.Prepend(Ping))
        {
            var result = await generator.RunAsync(path, Fixed, server.ProcessId);
            Console.Error.WriteLine($"  GET {path,-40} {result.RequestsPerSecond,8:F0} req/s  p50 {result.Latencies.PercentileMilliseconds(0.5):F2} ms  p99 {result.Latencies.PercentileMilliseconds(0.99):F2} ms  bench CPU {result.GeneratorCpuShare:P0}");
            if (result.Failures > 0)
            {
                throw new BenchFailure($"GET {path} under load: {result.Failures} of {result.Latencies.Count} requests did not answer 200");
            }
            results.Add(result);
        }

        var mixed = new List<MixedResult>();
        foreach (var path in reads)
        {
            var sawRunning = false;
            var result = await generator.RunAsync(path, async window =>
            {
                await Task.Delay(settings.WarmUp / 2);
                sawRunning = await DuringImportAsync(server, window);
            }, server.ProcessId);
            Console.Error.WriteLine($"  GET {path,-40} during import ({result.WindowMilliseconds:F0} ms): {result.RequestsPerSecond,8:F0} req/s  p99 {result.Latencies.PercentileMilliseconds(0.99):F2} ms  max {result.Latencies.MaxMicroseconds / 1000.0:F1} ms");
            mixed.Add(new MixedResult(result, sawRunning));
        }

        var export = await TimeAsync(server, "/data/export");
        var lists = new List<ListResult>();
        foreach (var path in new[] { "/streams", "/rules", "/rules/status/all" })
        {
            var (median, bytes) = await TimeAsync(server, path);
            lists.Add(new ListResult(path, median, export.Median, bytes));
        }
        return new LoadResults(n, settings, results, mixed, lists);
    }

    private async Task Fixed(LoadGenerator.Window window)
    {
        await Task.Delay(settings.WarmUp);
        window.Open();
        await Task.Delay(settings.Duration);
        window.Close();
    }

    /// <summary>
    /// Posts an async full import of the data set and keeps the window open while it runs: from the first poll that
    /// sees it running (the task waits for a job worker first) to the first that sees it finished.
    /// </summary>
    private async Task<bool> DuringImportAsync(ServerProcess server, LoadGenerator.Window window)
    {
        var posted = Stopwatch.GetTimestamp();
        var id = await StartAsyncImportAsync(server);
        var sawRunning = false;
        await WaitForTaskAsync(server, id, status =>
        {
            if (status == "running" && !sawRunning)
            {
                sawRunning = true;
                window.Open();
            }
        });
        if (!sawRunning)
        {
            // Registered and finished between two polls: the window is from the POST.
            window.Open();
            window.OpenedAt(posted);
        }
        window.Close();
        return sawRunning;
    }

    private async Task<string> StartAsyncImportAsync(ServerProcess server)
    {
        await using var body = File.OpenRead(data.ImportBodyPath);
        using var content = new StreamContent(body, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await server.Client.PostAsync("/async/data/import", content);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchFailure($"POST /async/data/import answered {(int)response.StatusCode}: {text}");
        }
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Polls the task every few milliseconds until it is over; requires it to finish without errors.</summary>
    private static async Task WaitForTaskAsync(ServerProcess server, string id, Action<string> seen)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var response = await server.Client.GetAsync($"/async/task/{Uri.EscapeDataString(id)}");
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new BenchFailure($"GET /async/task/{id} answered {(int)response.StatusCode}: {text}");
            }
            var task = JsonDocument.Parse(text).RootElement;
            var status = task.GetProperty("status").GetString()!;
            seen(status);
            switch (status)
            {
                case "finish":
                    return;
                case "error" or "cancel":
                    throw new BenchFailure($"the async import {id} ended with {status}: {task.GetProperty("message").GetString()}");
            }
            if (deadline.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new BenchFailure($"the async import {id} did not finish in 10 minutes ({status})");
            }
            await Task.Delay(5);
        }
    }

    /// <summary>The median time of one whole GET (its body read and dropped), over the list runs after one untimed.</summary>
    private async Task<(double Median, long Bytes)> TimeAsync(ServerProcess server, string path)
    {
        var times = new List<double>();
        long bytes = 0;
        Console.Error.Write($"  GET {path,-40}");
        for (var i = 0; i <= settings.ListRuns; i++)
        {
            var counter = new CountingStream();
            var watch = Stopwatch.StartNew();
            await SizeBench.DownloadAsync(server, new HttpRequestMessage(HttpMethod.Get, path), counter);
            watch.Stop();
            bytes = counter.Length;
            if (i > 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
                Console.Error.Write($" {watch.Elapsed.TotalMilliseconds:F0}");
            }
        }
        Console.Error.WriteLine($" ms ({bytes / 1e6:F1} MB)");
        times.Sort();
        var median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;
        return (median, bytes);
    }

    /// <summary>Counts what is written to it and keeps none of it.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
