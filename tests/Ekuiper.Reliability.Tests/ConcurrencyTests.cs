using System.Net.Http.Json;
using System.Text.Json;

namespace Ekuiper.Reliability.Tests;

/// <summary>
/// 50 imports at once on loopback against the real process — full and partial, sync and async — with REST writes
/// and exports in between. Every import document defines the same keys with its own definitions, so whatever the
/// order, the store must end up exactly as the last import to commit left it. The order is observable: a sync import
/// answers the revision it committed as its ETag, a background task names it in its message.
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Imports = 50;
    private const int RestWriters = 10;
    private const int Readers = 10;
    private static readonly TimeSpan PollLimit = TimeSpan.FromMinutes(3);

    private readonly ServerFleet _fleet = new();

    [TearDown]
    public async Task StopServers() => await _fleet.DisposeAsync();

    private sealed record Outcome(int Number, bool Full, bool Async, int Status, long? Revision, string Answer);

    [Test]
    public Task Fifty_concurrent_imports_never_fail_with_5xx_or_a_locked_database_and_the_last_to_commit_wins() =>
        RunAsync(nodes: 1);

#if STORE_POSTGRESQL
    /// <summary>
    /// Two server processes on one PostgreSQL database, each with its own data directory, the requests split between
    /// them: the advisory write lock serialises their writes as one server's line does.
    /// </summary>
    [Test]
    public Task Two_processes_on_one_database_commit_fifty_concurrent_imports_one_after_the_other() =>
        RunAsync(nodes: 2);

    /// <summary>Three nodes, the requests spread over them; background tasks run on whichever node's worker takes them.</summary>
    [Test]
    public Task Three_nodes_on_one_database_commit_fifty_concurrent_imports_one_after_the_other() =>
        RunAsync(nodes: 3);
#endif

    private async Task RunAsync(int nodes)
    {
        var servers = await _fleet.StartAsync(nodes);
        var clients = servers.Select(s => s.Client).ToArray();
        var client = clients[0];
        Assert.That((int)(await client.ImportAsync(Document(0))).StatusCode, Is.EqualTo(200));
        var startRevision = await RevisionAsync(client);

        // All requests wait on one signal, queued in a shuffled order, so that none has a head start by its number.
        var seed = TestContext.CurrentContext.Random.Next();
        var order = Enumerable.Range(0, Imports + RestWriters + Readers).ToArray();
        new Random(seed).Shuffle(order);
        using var go = new SemaphoreSlim(0);
        var imports = new List<Task<Outcome>>();
        var restWrites = new List<Task<List<(int Status, string Answer)>>>();
        var reads = new List<Task<int>>();
        foreach (var slot in order)
        {
            var through = clients[slot % clients.Length];
            if (slot < Imports)
            {
                imports.Add(RunImportAsync(through, slot + 1, go));
            }
            else if (slot < Imports + RestWriters)
            {
                restWrites.Add(RunRestWritesAsync(through, slot - Imports, go));
            }
            else
            {
                reads.Add(RunExportAsync(through, go));
            }
        }
        go.Release(order.Length);
        var outcomes = await Task.WhenAll(imports);
        var restAnswers = (await Task.WhenAll(restWrites)).SelectMany(a => a).ToList();
        var readStatuses = await Task.WhenAll(reads);

        var export = await client.ExportAsync();
        var finalRevision = await RevisionAsync(client);
        var answers = outcomes.Select(o => o.Answer).Concat(restAnswers.Select(a => a.Answer)).ToList();
        var serverErrors = outcomes.Count(o => o.Status >= 500) + restAnswers.Count(a => a.Status >= 500) + readStatuses.Count(s => s >= 500);
        var locked = answers.Count(a => a.Contains("locked", StringComparison.OrdinalIgnoreCase))
                     + servers.Count(server => server.Output.Contains("database is locked", StringComparison.OrdinalIgnoreCase));
        var exports = new List<byte[]>();
        var staleAnswers = new List<int>();
        foreach (var node in clients)
        {
            // Every node serves the one store, and refuses an If-Match that the other node's writes made stale.
            exports.Add(await node.ExportAsync());
            using var stale = await node.ImportAsync(Document(0), "", ifMatch: $"\"{startRevision}\"");
            staleAnswers.Add((int)stale.StatusCode);
        }
        var committed = outcomes.Where(o => o.Revision is not null).ToList();
        var last = committed.MaxBy(o => o.Revision)!;
        var restChanges = restAnswers.Count(a => a.Status is 200 or 201);
        var matchesLast = SameContent(export, Document(last.Number));

        Console.WriteLine(
            $"concurrency: {Imports} concurrent imports ({outcomes.Count(o => o.Full && !o.Async)} full sync, " +
            $"{outcomes.Count(o => o.Full && o.Async)} full async, {outcomes.Count(o => !o.Full && !o.Async)} partial sync, " +
            $"{outcomes.Count(o => !o.Full && o.Async)} partial async) through {nodes} server process(es) with {restAnswers.Count} REST writes and {Readers} exports: " +
            $"{outcomes.Count(o => o.Status == 200)} imports succeeded, {serverErrors} answered 5xx, {locked} 'database is locked', " +
            $"last to commit import #{last.Number} at revision {last.Revision} (final revision {finalRevision}); final store equals it: " +
            $"{matchesLast} (seed {seed})");

        Assert.That(serverErrors, Is.Zero, string.Join("\n", answers.Where(a => a.Length > 0)));
        Assert.That(locked, Is.Zero);
        Assert.That(outcomes.Select(o => o.Status), Is.All.EqualTo(200), string.Join("\n", outcomes.Where(o => o.Status != 200)));
        Assert.That(readStatuses, Is.All.EqualTo(200));
        // Each import committed once, one after the other: 50 distinct revisions, none lost, none shared.
        Assert.That(committed.Select(o => o.Revision).Distinct().Count(), Is.EqualTo(Imports));
        Assert.That(finalRevision, Is.EqualTo(startRevision + Imports + restChanges), "every change counted exactly once");
        Assert.That(matchesLast, Is.True, $"the store is not import #{last.Number}'s content");
        Assert.That(exports, Is.All.EqualTo(export), "every node exports the same store");
        Assert.That(staleAnswers, Is.All.EqualTo(412), "a stale If-Match is refused by every node");
    }

    /// <summary>Import <paramref name="number"/>: odd numbers full, even partial; every second pair async.</summary>
    private static async Task<Outcome> RunImportAsync(HttpClient client, int number, SemaphoreSlim go)
    {
        var full = number % 2 == 1;
        var background = number / 2 % 2 == 1;
        var query = full ? "" : "?partial=1";
        await go.WaitAsync();
        if (!background)
        {
            using var response = await client.ImportAsync(Document(number), query);
            var etag = response.Headers.ETag?.Tag.Trim('"');
            return new Outcome(number, full, false, (int)response.StatusCode, etag is null ? null : long.Parse(etag),
                await response.Content.ReadAsStringAsync());
        }
        using var started = await client.PostAsJsonAsync("/async/data/import" + query, new { content = Document(number) });
        var text = await started.Content.ReadAsStringAsync();
        if (!started.IsSuccessStatusCode)
        {
            return new Outcome(number, full, true, (int)started.StatusCode, null, text);
        }
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
        var task = await PollUntilDoneAsync(client, id);
        var message = task.GetProperty("message").GetString()!;
        var finished = task.GetProperty("status").GetString() == "finish";
        return new Outcome(number, full, true, finished ? 200 : 400,
            finished ? JsonDocument.Parse(message).RootElement.GetProperty("revision").GetInt64() : null, message);
    }

    /// <summary>
    /// Creates a stream of its own and drops it again: a full import in between may drop it first (then the delete is a
    /// 404), but either way it is gone in the end and leaves the imported keys alone.
    /// </summary>
    private static async Task<List<(int Status, string Answer)>> RunRestWritesAsync(HttpClient client, int writer, SemaphoreSlim go)
    {
        await go.WaitAsync();
        var answers = new List<(int, string)>();
        using (var create = await client.PostAsJsonAsync("/streams", new { sql = $"CREATE STREAM rest{writer} () WITH (DATASOURCE=\"rest\")" }))
        {
            answers.Add(((int)create.StatusCode, await create.Content.ReadAsStringAsync()));
        }
        using (var delete = await client.DeleteAsync($"/streams/rest{writer}"))
        {
            answers.Add(((int)delete.StatusCode, await delete.Content.ReadAsStringAsync()));
        }
        return answers;
    }

    private static async Task<int> RunExportAsync(HttpClient client, SemaphoreSlim go)
    {
        await go.WaitAsync();
        using var response = await client.GetAsync("/data/export");
        return (int)response.StatusCode;
    }

    private static async Task<JsonElement> PollUntilDoneAsync(HttpClient client, string id)
    {
        var deadline = DateTime.UtcNow + PollLimit;
        while (DateTime.UtcNow < deadline)
        {
            var task = JsonDocument.Parse(await client.GetStringAsync($"/async/task/{id}")).RootElement;
            if (task.GetProperty("status").GetString() is "finish" or "error" or "cancel")
            {
                return task;
            }
            await Task.Delay(50);
        }
        Assert.Fail($"task {id} did not finish within {PollLimit}");
        return default;
    }

    private static async Task<long> RevisionAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/data/export");
        return long.Parse(response.Headers.ETag!.Tag.Trim('"'));
    }

    /// <summary>The same keys in every document; the definitions name the import.</summary>
    private static string Document(int number) => Documents.Tagged($"import{number}", streams: 10, rules: 40);

    /// <summary>Every section of the export holds exactly the document's entries (JSON compared by value).</summary>
    private static bool SameContent(byte[] export, string document)
    {
        var stored = Documents.Sections(export);
        var expected = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(document)!;
        return stored.All(section =>
        {
            var want = expected.GetValueOrDefault(section.Key) ?? [];
            return section.Value.Count == want.Count && section.Value.All(entry =>
                want.TryGetValue(entry.Key, out var value) && (value == entry.Value || SameJson(value, entry.Value)));
        });
    }

    private static bool SameJson(string left, string right)
    {
        try
        {
            return JsonElement.DeepEquals(JsonDocument.Parse(left).RootElement, JsonDocument.Parse(right).RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
