using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ekuiper.Bench.Measuring;
using Ekuiper.Bench.Targets;

namespace Ekuiper.Bench;

/// <summary>
/// Every measurement at one size: the floors, and the server's import and export measured against them.
/// Every run is a process of its own — the server, or a bench worker for the floors and the in-process use case —
/// that first runs the same operation a few times on a small ruleset (so that no run pays for compiling its code)
/// and then the timed one. Imports start from a fresh data directory; exports read a store holding the whole generated ruleset.
/// The server's answers are checked (empty import report, export equal to the imported document, the chosen-rules
/// export holding exactly the expected closure), so that a fast wrong answer fails the bench instead of passing it.
/// </summary>
public sealed class SizeBench(Dataset data, Dataset warmUp, int runs, string scratch)
{
    public const string FloorImport = "floor: parse + insert";
    public const string FloorPartial = "floor: parse + replace 10%";
    public const string FloorExport = "floor: read + write all";
    public const string FloorChosen = "floor: read + write 100 rules";

    public async Task<IReadOnlyList<Measurement>> RunAsync()
    {
        var n = data.RuleCount;
        Console.Error.WriteLine($"N = {n}: document {data.DocumentBytes / 1e6:F1} MB; {runs} runs each after a warm-up run");
        await VerifyExportsAsync();

        return
        [
            await Measurement.TakeAsync(FloorImport, n, runs, null, () => InWorkerAsync(Worker.Operation.FloorImport)),
            await Measurement.TakeAsync("import (handler + DbContext)", n, runs, FloorImport, () => InWorkerAsync(Worker.Operation.HandlerImport)),
            await Measurement.TakeAsync("import (HTTP)", n, runs, FloorImport, () => OverHttpAsync(
                store: null,
                warmUp: server => PostFileAsync(server, "/data/import", warmUp.ImportBodyPath),
                call: server => PostFileAsync(server, "/data/import", data.ImportBodyPath))),

            await Measurement.TakeAsync(FloorPartial, n, runs, null, () => InWorkerAsync(Worker.Operation.FloorPartialImport)),
            await Measurement.TakeAsync("partial import 10% (HTTP)", n, runs, FloorPartial, () => OverHttpAsync(
                store: data.FullStore,
                warmUp: server => PostFileAsync(server, "/data/import?partial=1", warmUp.PartialBodyPath),
                call: server => PostFileAsync(server, "/data/import?partial=1", data.PartialBodyPath))),

            await Measurement.TakeAsync(FloorExport, n, runs, null, () => InWorkerAsync(Worker.Operation.FloorExport)),
            await Measurement.TakeAsync("GET /data/export (HTTP)", n, runs, FloorExport, () => OverHttpAsync(
                store: data.FullStore,
                warmUp: server => DownloadAsync(server, ExportAll(), Stream.Null),
                call: server => DownloadAsync(server, ExportAll(), Stream.Null))),

            await Measurement.TakeAsync(FloorChosen, n, runs, null, () => InWorkerAsync(Worker.Operation.FloorChosenExport)),
            await Measurement.TakeAsync("POST /data/export 100 rules (HTTP)", n, runs, FloorChosen, () => OverHttpAsync(
                store: data.FullStore,
                warmUp: server => DownloadAsync(server, ExportChosen(), Stream.Null),
                call: server => DownloadAsync(server, ExportChosen(), Stream.Null))),
        ];
    }

    /// <summary>A floor or the in-process use case, in a worker process, on fresh copies of the stores it writes.</summary>
    private async Task<Sample> InWorkerAsync(Worker.Operation operation)
    {
        var (store, warmUpStore, document, warmUpDocument) = operation switch
        {
            Worker.Operation.FloorImport => (data.EmptyStore, warmUp.EmptyStore, data.DocumentPath, warmUp.DocumentPath),
            Worker.Operation.FloorPartialImport => (data.FullStore, warmUp.FullStore, data.PartialDocumentPath, warmUp.PartialDocumentPath),
            Worker.Operation.HandlerImport => ((string?)null, (string?)null, data.DocumentPath, warmUp.DocumentPath),
            _ => (data.FullStore, warmUp.FullStore, null, null),
        };
        using var timed = ScratchDirectory.Create(scratch, "run", store);
        using var warm = ScratchDirectory.Create(scratch, "warm-up", warmUpStore);
        // The handler is given a data directory (its store is created there); the floor, a store file.
        var handler = operation == Worker.Operation.HandlerImport;
        return await WorkerProcess.RunAsync(new Worker.Request(
            operation,
            handler ? timed.Path : timed.Store, document, data.MetadataPath,
            handler ? warm.Path : warm.Store, warmUpDocument, warmUp.MetadataPath), scratch);
    }

    /// <summary>One call to a freshly started server over its own data directory (holding a copy of <paramref name="store"/>).</summary>
    private async Task<Sample> OverHttpAsync(string? store, Func<ServerProcess, Task> warmUp, Func<ServerProcess, Task> call)
    {
        using var directory = ScratchDirectory.Create(scratch, "server", store);
        await using var server = await ServerProcess.StartAsync(directory.Path);
        for (var i = 0; i < Worker.WarmUpCalls; i++)
        {
            await warmUp(server);
        }
        await Task.Delay(Worker.IdleAfterWarmUp);
        PeakMemory.Reset(server.ProcessId);
        var watch = Stopwatch.StartNew();
        await call(server);
        watch.Stop();
        return new Sample(watch.Elapsed.TotalMilliseconds, PeakMemory.Read(server.ProcessId));
    }

    /// <summary>The whole export is the imported document byte for byte; the chosen-rules export is the expected closure.</summary>
    private async Task VerifyExportsAsync()
    {
        using var directory = ScratchDirectory.Create(scratch, "verify");
        await using var server = await ServerProcess.StartAsync(directory.Path);
        await PostFileAsync(server, "/data/import", data.ImportBodyPath);

        using (var exported = new MemoryStream())
        {
            await DownloadAsync(server, ExportAll(), exported);
            var imported = await File.ReadAllBytesAsync(data.DocumentPath);
            if (!exported.ToArray().AsSpan().SequenceEqual(imported))
            {
                throw new BenchFailure("GET /data/export did not give back the imported document byte for byte");
            }
        }

        using var chosen = new MemoryStream();
        await DownloadAsync(server, ExportChosen(), chosen);
        using var document = JsonDocument.Parse(chosen.ToArray());
        var root = document.RootElement;
        string[] Keys(string section) => root.GetProperty(section).EnumerateObject().Select(p => p.Name).ToArray();
        string[] ConfigKeys(string section) => root.GetProperty(section).EnumerateObject()
            .SelectMany(p => JsonDocument.Parse(p.Value.GetString()!).RootElement.EnumerateObject().Select(k => $"{p.Name}/{k.Name}"))
            .Order(StringComparer.Ordinal).ToArray();
        string[] Expected(Domain.Definitions.ConfigCategory category) => data.Metadata.Chosen.ConfigKeys
            .Where(k => k.Category == category).Select(k => $"{k.PluginType}/{k.Name}").Order(StringComparer.Ordinal).ToArray();
        var expected = data.Metadata.Chosen;
        var checks = new (string Section, string[] Actual, IReadOnlyList<string> Expected)[]
        {
            ("rules", Keys("rules"), expected.Rules),
            ("streams", Keys("streams"), expected.Streams),
            ("tables", Keys("tables"), expected.Tables),
            ("sourceConfig", ConfigKeys("sourceConfig"), Expected(Domain.Definitions.ConfigCategory.Source)),
            ("sinkConfig", ConfigKeys("sinkConfig"), Expected(Domain.Definitions.ConfigCategory.Sink)),
            ("scripts", Keys("scripts"), expected.Scripts),
        };
        foreach (var (section, actual, wanted) in checks)
        {
            if (!actual.SequenceEqual(wanted))
            {
                throw new BenchFailure($"POST /data/export gave {actual.Length} {section} entries, not the {wanted.Count} the chosen rules need");
            }
        }
    }

    private static HttpRequestMessage ExportAll() => new(HttpMethod.Get, "/data/export");

    private HttpRequestMessage ExportChosen() =>
        new(HttpMethod.Post, "/data/export") { Content = new StringContent(data.ChosenRulesBody, Encoding.UTF8, "application/json") };

    /// <summary>POSTs a body file (streamed, so the bench holds none of it) and requires 200: an import with an empty report.</summary>
    private static async Task PostFileAsync(ServerProcess server, string path, string bodyPath)
    {
        await using var body = File.OpenRead(bodyPath);
        using var content = new StreamContent(body, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await server.Client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchFailure($"POST {path} answered {(int)response.StatusCode}: {text[..Math.Min(2000, text.Length)]}");
        }
    }

    private static async Task DownloadAsync(ServerProcess server, HttpRequestMessage request, Stream destination)
    {
        using (request)
        {
            using var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode)
            {
                throw new BenchFailure($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            await response.Content.CopyToAsync(destination);
        }
    }
}

/// <summary>The server gave a wrong answer: the bench stops, whatever the timings.</summary>
public sealed class BenchFailure(string message) : Exception(message);
