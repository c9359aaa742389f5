using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ekuiper.Bench.Measuring;
using Ekuiper.Bench.Targets;

namespace Ekuiper.Bench;

/// <summary>
/// Every measurement at one size on one store: the floors, and the server's import and export measured against them.
/// Every run is a process of its own — the server, or a bench worker for the floors and the in-process use case —
/// that first runs the same operation a few times on a small ruleset (so that no run pays for compiling its code)
/// and then the timed one. Imports start from a fresh data directory (and, on PostgreSQL, a fresh database holding the
/// schema); exports read a store holding the whole generated ruleset (a fresh copy of it).
/// The server's answers are checked (empty import report, export equal to the imported document, the chosen-rules
/// export holding exactly the expected closure), so that a fast wrong answer fails the bench instead of passing it.
/// </summary>
/// <param name="warmUpRuns">Whether each operation gets an untimed run before its timed runs (not in the quick run).</param>
/// <param name="postgreSql">The cluster the runs' databases are made on; null on SQLite.</param>
public sealed class SizeBench(Dataset data, Dataset warmUp, int runs, bool warmUpRuns, string scratch, PostgreSqlStores? postgreSql = null)
{
    public const string FloorImport = "floor: parse + insert";
    public const string FloorPartial = "floor: parse + replace 10%";
    public const string FloorExport = "floor: read + write all";
    public const string FloorChosen = "floor: read + write 100 rules";

    private BenchStore Store => postgreSql is null ? BenchStore.Sqlite : BenchStore.PostgreSql;

    public async Task<IReadOnlyList<Measurement>> RunAsync()
    {
        var n = data.RuleCount;
        Console.Error.WriteLine($"N = {n} on {Measurement.Name(Store)}: document {data.DocumentBytes / 1e6:F1} MB; {runs} runs each{(warmUpRuns ? " after a warm-up run" : "")}");
        await VerifyExportsAsync();

        Task<Measurement> Take(string operation, string? floor, Func<Task<Sample>> run) =>
            Measurement.TakeAsync(Store, operation, n, runs, floor, run, warmUpRuns);

        return
        [
            await Take(FloorImport, null, () => InWorkerAsync(Worker.Operation.FloorImport)),
            await Take("import (handler + DbContext)", FloorImport, () => InWorkerAsync(Worker.Operation.HandlerImport)),
            await Take("import (HTTP)", FloorImport, () => OverHttpAsync(
                contents: Contents.Nothing,
                warmUp: server => PostFileAsync(server, "/data/import", warmUp.ImportBodyPath),
                call: server => PostFileAsync(server, "/data/import", data.ImportBodyPath))),

            await Take(FloorPartial, null, () => InWorkerAsync(Worker.Operation.FloorPartialImport)),
            await Take("partial import 10% (HTTP)", FloorPartial, () => OverHttpAsync(
                contents: Contents.Ruleset,
                warmUp: server => PostFileAsync(server, "/data/import?partial=1", warmUp.PartialBodyPath),
                call: server => PostFileAsync(server, "/data/import?partial=1", data.PartialBodyPath))),

            await Take(FloorExport, null, () => InWorkerAsync(Worker.Operation.FloorExport)),
            await Take("GET /data/export (HTTP)", FloorExport, () => OverHttpAsync(
                contents: Contents.Ruleset,
                warmUp: server => DownloadAsync(server, ExportAll(), Stream.Null),
                call: server => DownloadAsync(server, ExportAll(), Stream.Null))),

            await Take(FloorChosen, null, () => InWorkerAsync(Worker.Operation.FloorChosenExport)),
            await Take("POST /data/export 100 rules (HTTP)", FloorChosen, () => OverHttpAsync(
                contents: Contents.Ruleset,
                warmUp: server => DownloadAsync(server, ExportChosen(), Stream.Null),
                call: server => DownloadAsync(server, ExportChosen(), Stream.Null))),
        ];
    }

    /// <summary>What a run's store holds when it starts.</summary>
    private enum Contents
    {
        /// <summary>No store yet: the server or handler creates its own (on PostgreSQL: a fresh database holding the schema).</summary>
        Nothing,

        /// <summary>The server's schema, empty.</summary>
        Schema,

        /// <summary>The whole generated ruleset, as the floor writes it.</summary>
        Ruleset,
    }

    /// <summary>A floor or the in-process use case, in a worker process, on fresh copies of the stores it writes.</summary>
    private async Task<Sample> InWorkerAsync(Worker.Operation operation)
    {
        var (contents, document, warmUpDocument) = operation switch
        {
            Worker.Operation.FloorImport => (Contents.Schema, data.DocumentPath, warmUp.DocumentPath),
            Worker.Operation.FloorPartialImport => (Contents.Ruleset, data.PartialDocumentPath, warmUp.PartialDocumentPath),
            Worker.Operation.HandlerImport => (Contents.Nothing, data.DocumentPath, warmUp.DocumentPath),
            _ => (Contents.Ruleset, (string?)null, (string?)null),
        };
        await using var timed = await RunStore.CreateAsync(scratch, "run", data, contents, postgreSql);
        await using var warm = await RunStore.CreateAsync(scratch, "warm-up", warmUp, contents, postgreSql);
        // The handler is given a data directory (its store is created there, or is the database); the SQLite floor, a store file.
        var handler = operation == Worker.Operation.HandlerImport;
        return await WorkerProcess.RunAsync(new Worker.Request(
            operation,
            handler ? timed.Directory.Path : timed.Directory.Store, document, data.MetadataPath,
            handler ? warm.Directory.Path : warm.Directory.Store, warmUpDocument, warmUp.MetadataPath,
            timed.Database?.ConnectionString, warm.Database?.ConnectionString), scratch);
    }

    /// <summary>One call to a freshly started server over its own data directory and store, holding <paramref name="contents"/>.</summary>
    private async Task<Sample> OverHttpAsync(Contents contents, Func<ServerProcess, Task> warmUp, Func<ServerProcess, Task> call)
    {
        await using var store = await RunStore.CreateAsync(scratch, "server", data, contents, postgreSql);
        await using var server = await ServerProcess.StartAsync(store.Directory.Path, store.Database?.ServerEnvironment);
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

    /// <summary>
    /// One run's data directory and store: on SQLite a copy of the data set's store file in the directory (none for
    /// <see cref="Contents.Nothing"/>); on PostgreSQL a fresh database copied from the data set's template.
    /// </summary>
    private sealed class RunStore : IAsyncDisposable
    {
        private RunStore(ScratchDirectory directory, PostgreSqlDatabase? database)
        {
            Directory = directory;
            Database = database;
        }

        public ScratchDirectory Directory { get; }

        /// <summary>The run's PostgreSQL database; null on SQLite.</summary>
        public PostgreSqlDatabase? Database { get; }

        public static async Task<RunStore> CreateAsync(string scratch, string purpose, Dataset set, Contents contents, PostgreSqlStores? postgreSql)
        {
            if (postgreSql is null)
            {
                var file = contents switch
                {
                    Contents.Schema => set.EmptyStore,
                    Contents.Ruleset => set.FullStore,
                    _ => null,
                };
                return new RunStore(ScratchDirectory.Create(scratch, purpose, file), null);
            }
            var templates = set.PostgreSql ?? throw new InvalidOperationException($"the data set of {set.RuleCount} rules has no PostgreSQL templates");
            var database = await postgreSql.CreateFromAsync(contents == Contents.Ruleset ? templates.Full : templates.Empty);
            return new RunStore(ScratchDirectory.Create(scratch, purpose), database);
        }

        public async ValueTask DisposeAsync()
        {
            Directory.Dispose();
            if (Database is not null)
            {
                await Database.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The whole export is the imported document byte for byte; the chosen-rules export is the expected closure. And
    /// the server exports the store the floor wrote (the one the export runs read) as that same document: the floor
    /// writes the rows the server would.
    /// </summary>
    private async Task VerifyExportsAsync()
    {
        var imported = await File.ReadAllBytesAsync(data.DocumentPath);
        await using (var floorStore = await RunStore.CreateAsync(scratch, "verify-floor", data, Contents.Ruleset, postgreSql))
        await using (var floorServer = await ServerProcess.StartAsync(floorStore.Directory.Path, floorStore.Database?.ServerEnvironment))
        {
            using var exported = new MemoryStream();
            await DownloadAsync(floorServer, ExportAll(), exported);
            if (!exported.ToArray().AsSpan().SequenceEqual(imported))
            {
                throw new BenchFailure($"GET /data/export of the store the {Measurement.Name(Store)} floor wrote is not the document byte for byte");
            }
        }

        await using var store = await RunStore.CreateAsync(scratch, "verify", data, Contents.Nothing, postgreSql);
        await using var server = await ServerProcess.StartAsync(store.Directory.Path, store.Database?.ServerEnvironment);
        await PostFileAsync(server, "/data/import", data.ImportBodyPath);

        using (var exported = new MemoryStream())
        {
            await DownloadAsync(server, ExportAll(), exported);
            if (!exported.ToArray().AsSpan().SequenceEqual(imported))
            {
                throw new BenchFailure($"GET /data/export on {Measurement.Name(Store)} did not give back the imported document byte for byte");
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
                throw new BenchFailure($"POST /data/export on {Measurement.Name(Store)} gave {actual.Length} {section} entries, not the {wanted.Count} the chosen rules need");
            }
        }
    }

    private static HttpRequestMessage ExportAll() => new(HttpMethod.Get, "/data/export");

    private HttpRequestMessage ExportChosen() =>
        new(HttpMethod.Post, "/data/export") { Content = new StringContent(data.ChosenRulesBody, Encoding.UTF8, "application/json") };

    /// <summary>POSTs a body file (streamed, so the bench holds none of it) and requires 200: an import with an empty report.</summary>
    internal static async Task PostFileAsync(ServerProcess server, string path, string bodyPath)
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

    internal static async Task DownloadAsync(ServerProcess server, HttpRequestMessage request, Stream destination)
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
