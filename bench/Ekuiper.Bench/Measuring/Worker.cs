using System.Diagnostics;
using System.Text.Json;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using Ekuiper.Bench.Floor;
using Ekuiper.Bench.Targets;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Bench.Measuring;

/// <summary>
/// One run of an operation measured in a process of its own, so that its time and peak working set are its own and
/// not those of the bench that generated the data: first the operation once on the warm-up inputs (a small ruleset),
/// then, timed, on the real ones. The bench starts it as <c>Ekuiper.Bench --worker request.json</c>.
/// </summary>
public static class Worker
{
    public const string Flag = "--worker";

    /// <summary>
    /// How often a run's process does the operation on the warm-up ruleset before the timed call, and how long it
    /// then idles: after that the process is a server that has served a few small requests, its code compiled and
    /// its caches filled, rather than one meeting each code path for the first time during the timed call.
    /// </summary>
    public const int WarmUpCalls = 3;

    public static readonly TimeSpan IdleAfterWarmUp = TimeSpan.FromMilliseconds(250);

    public enum Operation
    {
        FloorImport,
        FloorPartialImport,
        FloorExport,
        FloorChosenExport,
        HandlerImport,
    }

    /// <param name="Store">The store file (SQLite floor) or data directory (handler) of the timed run; the same for the warm-up.</param>
    /// <param name="Document">The document to import.</param>
    /// <param name="Metadata">The floor's metadata of the data set.</param>
    /// <param name="PostgreSql">
    /// On PostgreSQL, the connection string of the timed run's database (the floor's store; the handler's, with its data
    /// directory in <paramref name="Store"/>); null on SQLite. The same for the warm-up.
    /// </param>
    public sealed record Request(
        Operation Operation,
        string Store, string? Document, string Metadata,
        string WarmUpStore, string? WarmUpDocument, string WarmUpMetadata,
        string? PostgreSql = null, string? WarmUpPostgreSql = null);

    public static async Task<int> RunAsync(string requestPath)
    {
        var request = JsonSerializer.Deserialize<Request>(await File.ReadAllTextAsync(requestPath))!;
        for (var i = 0; i < WarmUpCalls; i++)
        {
            await RunOnceAsync(request.Operation, request.WarmUpStore, request.WarmUpDocument, request.WarmUpMetadata, request.WarmUpPostgreSql);
            if (request.Operation == Operation.FloorImport)
            {
                // The floor inserts, so it needs an empty store each time (the handler's full import resets its own).
                if (request.WarmUpPostgreSql is { } warmUpDatabase)
                {
                    PostgreSqlFloor.Clear(warmUpDatabase);
                }
                else
                {
                    SqliteFloor.Clear(request.WarmUpStore);
                }
            }
        }
        await Task.Delay(IdleAfterWarmUp);
        var sample = await RunOnceAsync(request.Operation, request.Store, request.Document, request.Metadata, request.PostgreSql);
        Console.WriteLine(JsonSerializer.Serialize(sample));
        return 0;
    }

    private static async Task<Sample> RunOnceAsync(Operation operation, string store, string? documentPath, string metadataPath, string? postgreSql)
    {
        var document = documentPath is null ? null : await File.ReadAllBytesAsync(documentPath);
        if (postgreSql is not null && operation != Operation.HandlerImport)
        {
            return await PostgreSqlFloorOnceAsync(operation, postgreSql, document, metadataPath);
        }
        switch (operation)
        {
            case Operation.FloorImport:
                var importFloor = await FloorAsync(metadataPath);
                return Measure(() => importFloor.Import(store, document!, replace: false));
            case Operation.FloorPartialImport:
                var partialFloor = await FloorAsync(metadataPath);
                return Measure(() => partialFloor.Import(store, document!, replace: true));
            case Operation.FloorExport:
                var exportFloor = await FloorAsync(metadataPath);
                return Measure(() => exportFloor.ExportAll(store, Stream.Null));
            case Operation.FloorChosenExport:
                var chosenFloor = await FloorAsync(metadataPath);
                return Measure(() => chosenFloor.ExportChosen(store, Stream.Null));
            case Operation.HandlerImport:
                await using (var server = await InProcessStore.CreateAsync(store, postgreSql))
                {
                    // The content as the HTTP layer hands it over: UTF-8 bytes.
                    var request = new ImportRuleset(document, null, ImportMode.Reset);
                    ImportRulesetResult? result = null;
                    var sample = await MeasureAsync(async () => result = await server.SendAsync(request));
                    if (!result!.Succeeded)
                    {
                        throw new BenchFailure($"the import reported errors: {Truncate(System.Text.Encoding.UTF8.GetString(RulesetDocument.Write(result.Report)))}");
                    }
                    return sample;
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(operation));
        }
    }

    /// <summary>A PostgreSQL floor, timed from its first statement on a connection opened before (see <see cref="PostgreSqlFloor"/>).</summary>
    private static async Task<Sample> PostgreSqlFloorOnceAsync(Operation operation, string connectionString, byte[]? document, string metadataPath)
    {
        var floor = new PostgreSqlFloor(await MetadataAsync(metadataPath));
        using var connection = PostgreSqlFloor.OpenUsed(connectionString);
        return operation switch
        {
            Operation.FloorImport => Measure(() => floor.Import(connection, document!, replace: false)),
            Operation.FloorPartialImport => Measure(() => floor.Import(connection, document!, replace: true)),
            Operation.FloorExport => Measure(() => PostgreSqlFloor.ExportAll(connection, Stream.Null)),
            Operation.FloorChosenExport => Measure(() => floor.ExportChosen(connection, Stream.Null)),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    /// <summary>The floor with the generator's metadata; only the floors load it, so the use case holds nothing but its input.</summary>
    private static async Task<SqliteFloor> FloorAsync(string metadataPath) => new(await MetadataAsync(metadataPath));

    private static async Task<FloorMetadata> MetadataAsync(string metadataPath) =>
        JsonSerializer.Deserialize<FloorMetadata>(await File.ReadAllTextAsync(metadataPath))!;

    private static Sample Measure(Action operation) => MeasureAsync(() =>
    {
        operation();
        return Task.CompletedTask;
    }).GetAwaiter().GetResult();

    /// <summary>
    /// Times the operation; the peak counts what the process holds (its inputs too) as well as what it allocates.
    /// No collection is forced before it: a server is not collected before each request either, and a compacting
    /// collection would hand the heap back to the system for the operation to fault it in again.
    /// </summary>
    private static async Task<Sample> MeasureAsync(Func<Task> operation)
    {
        var self = Environment.ProcessId;
        PeakMemory.Reset(self);
        var watch = Stopwatch.StartNew();
        await operation();
        watch.Stop();
        return new Sample(watch.Elapsed.TotalMilliseconds, PeakMemory.Read(self));
    }

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000] + "…";
}
