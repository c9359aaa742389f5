#if STORE_POSTGRESQL
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace Ekuiper.Reliability.Tests;

/// <summary>
/// Three real server processes on one real PostgreSQL database, as an operator runs them behind a load balancer: a
/// background task is followed, cancelled and survived through any of them.
/// </summary>
public sealed partial class MultiNodeTests
{
    /// <summary>
    /// A short lease, so that a dead node's task is marked within seconds: 6 s lease, ticks of 0.5 s (long enough
    /// that a live node on a loaded 2-core machine never misses it).
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> ShortLease = new Dictionary<string, string>
    {
        ["Ekuiper__Tasks__LeaseSeconds"] = "6",
        ["Ekuiper__Tasks__TickSeconds"] = "0.5",
    };

    /// <summary>The bound the short lease gives (lease + two ticks), plus slack for a loaded machine.</summary>
    private static readonly TimeSpan InterruptionBound = TimeSpan.FromSeconds(6 + 2 * 0.5 + 4);

    private static readonly TimeSpan PollLimit = TimeSpan.FromMinutes(3);

    private readonly ServerFleet _fleet = new();

    [TearDown]
    public async Task StopServers() => await _fleet.DisposeAsync();

    [Test]
    public async Task An_async_import_posted_to_one_node_is_listed_with_rising_progress_and_finishes_on_all_three()
    {
        var nodes = await _fleet.StartAsync(3, ShortLease);
        var id = await StartAsync(nodes[0], Documents.Tagged("followed", streams: 100, rules: 10_000));

        var progress = nodes.Select(_ => new List<(int Done, int Total)>()).ToArray();
        var listedRunningBy = new HashSet<int>();
        var deadline = DateTime.UtcNow + PollLimit;
        while (true)
        {
            var tasks = await Task.WhenAll(nodes.Select(n => TaskAsync(n, id)));
            for (var i = 0; i < nodes.Length; i++)
            {
                if (Progress(tasks[i].Message) is { } seen)
                {
                    progress[i].Add(seen);
                }
            }
            foreach (var i in new[] { 1, 2 })
            {
                var listed = JsonDocument.Parse(await nodes[i].Client.GetStringAsync("/async/tasks")).RootElement.EnumerateArray()
                    .FirstOrDefault(t => t.GetProperty("id").GetString() == id);
                if (listed.ValueKind == JsonValueKind.Object && listed.GetProperty("status").GetString() == "running")
                {
                    listedRunningBy.Add(i);
                }
            }
            if (tasks.All(t => t.Status == "finish"))
            {
                break;
            }
            Assert.That(tasks.Select(t => t.Status), Has.None.EqualTo("error").And.None.EqualTo("cancel"), string.Join("\n", tasks));
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the task never finished");
            await Task.Delay(50);
        }

        Assert.That(listedRunningBy, Is.EquivalentTo(new[] { 1, 2 }), "B and C list the task while it runs");
        for (var i = 0; i < nodes.Length; i++)
        {
            var seen = progress[i];
            Assert.That(seen, Is.Not.Empty, $"node {i} saw the task's progress");
            Assert.That(seen.Select(p => p.Done), Is.Ordered, $"node {i}: progress only rises");
            Assert.That(seen.Select(p => p.Total).Distinct().Count(), Is.EqualTo(1), $"node {i}: one total");
            Assert.That(seen.All(p => p.Done <= p.Total), Is.True);
        }
        Console.WriteLine("progress seen per node: " + string.Join("; ", progress.Select(p => $"{p.Count} readings, last {p.LastOrDefault()}")));
        var finished = await Task.WhenAll(nodes.Select(n => TaskAsync(n, id)));
        Assert.That(finished.Select(t => t.Message).Distinct().Count(), Is.EqualTo(1), "every node reads the same outcome");
        var exports = await Task.WhenAll(nodes.Select(n => n.Client.ExportAsync()));
        Assert.That(Documents.Sections(exports[0])["rules"], Has.Count.EqualTo(10_000));
        Assert.That(exports, Is.All.EqualTo(exports[0]));
    }

    [Test]
    public async Task A_task_cancelled_through_another_node_answers_once_every_node_reads_cancel_and_nothing_changed()
    {
        var nodes = await _fleet.StartAsync(3, ShortLease);
        using (var seeded = await nodes[0].Client.ImportAsync(Documents.Tagged("before", streams: 10, rules: 100)))
        {
            Assert.That((int)seeded.StatusCode, Is.EqualTo(200));
        }
        var (beforeExport, beforeRevision) = await ExportWithRevisionAsync(nodes[1]);

        var id = await StartAsync(nodes[0], Documents.Tagged("cancelled", streams: 100, rules: 30_000));
        await PollAsync(nodes[2], id, task => task.Status == "running" && Progress(task.Message) is { Done: > 0 });
        using var cancel = await nodes[2].Client.PostAsync($"/async/task/{id}/cancel", content: null);
        var afterCancel = await Task.WhenAll(nodes.Select(n => TaskAsync(n, id)));

        Assert.That((int)cancel.StatusCode, Is.EqualTo(200), await cancel.Content.ReadAsStringAsync());
        Assert.That(afterCancel.Select(t => t.Status), Is.All.EqualTo("cancel"), "C answered only once every node reads cancel");
        foreach (var node in nodes)
        {
            var (export, revision) = await ExportWithRevisionAsync(node);
            Assert.That(export, Is.EqualTo(beforeExport), "nothing of the cancelled import landed");
            Assert.That(revision, Is.EqualTo(beforeRevision));
        }
    }

    [Test]
    public async Task The_node_running_a_large_import_killed_at_a_random_moment_leaves_before_or_after_and_the_task_reads_error_in_time()
    {
        const int trials = 20;
        var before = Documents.Tagged("before", streams: 100, rules: 2000);
        var after = Documents.Tagged("after", streams: 100, rules: 10_000);
        var nodes = (await _fleet.StartAsync(3, ShortLease)).ToList();
        var connectionString = TestStore.ConnectionStringFor(nodes[0].DataDirectory);

        // The two states, and how long the import runs, from one task left alone.
        await RequireImportAsync(nodes[0], before);
        var beforeExport = await nodes[0].Client.ExportAsync();
        var reference = await StartAsync(nodes[1], after);
        await PollAsync(nodes[1], reference, task => task.Status == "running");
        var clock = Stopwatch.StartNew();
        Assert.That((await PollAsync(nodes[1], reference, task => task.Status != "running")).Status, Is.EqualTo("finish"));
        var runTime = clock.Elapsed;
        var afterExport = await nodes[1].Client.ExportAsync();

        var seed = TestContext.CurrentContext.Random.Next();
        var random = new Random(seed);
        var failures = new List<string>();
        int sawBefore = 0, sawAfter = 0;
        var marked = new List<double>();
        for (var trial = 1; trial <= trials; trial++)
        {
            await RequireImportAsync(nodes[random.Next(nodes.Count)], before);
            var id = await StartAsync(nodes[random.Next(nodes.Count)], after);
            await PollAsync(nodes[0], id, task => task.Status == "running");
            var owner = nodes.Single(n => OwnerOf(connectionString, id).EndsWith(":" + n.DataDirectory, StringComparison.Ordinal));
            await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * runTime.TotalMilliseconds * 1.2));
            owner.Kill();
            var killedAt = Stopwatch.StartNew();
            nodes.Remove(owner);

            var survivor = nodes[random.Next(nodes.Count)];
            var ended = await PollAsync(survivor, id, task => task.Status != "running");
            var waited = killedAt.Elapsed;
            var export = await survivor.Client.ExportAsync();
            var isBefore = export.SequenceEqual(beforeExport);
            var isAfter = export.SequenceEqual(afterExport);
            sawBefore += isBefore ? 1 : 0;
            sawAfter += isAfter ? 1 : 0;
            if (!isBefore && !isAfter)
            {
                failures.Add($"trial {trial}: the export is a mix");
            }
            if (isAfter != (ended.Status == "finish"))
            {
                failures.Add($"trial {trial}: the task reads {ended.Status} ({ended.Message[..Math.Min(80, ended.Message.Length)]}) " +
                             $"but the store is in the {(isAfter ? "after" : "before")} state");
            }
            if (ended.Status == "error")
            {
                marked.Add(waited.TotalSeconds);
                if (!ended.Message.StartsWith("interrupted: node ", StringComparison.Ordinal) || waited > InterruptionBound)
                {
                    failures.Add($"trial {trial}: read {ended.Message} after {waited.TotalSeconds:F1} s");
                }
            }
            // A new import through a survivor goes through at once (no lock or reservation left behind).
            using (var next = await nodes[random.Next(nodes.Count)].Client.ImportAsync(before))
            {
                if ((int)next.StatusCode != 200)
                {
                    failures.Add($"trial {trial}: the next import answered {(int)next.StatusCode}");
                }
            }
            nodes.Add(await _fleet.AddAsync(survivor, ShortLease));
        }

        Console.WriteLine($"node kill: {trials} trials (SIGKILL of the node running an async 10,000-rule import over 2,000 on a " +
                          $"3-node fleet; the import runs {runTime.TotalSeconds:F1} s; seed {seed}): {sawBefore} before, {sawAfter} after; " +
                          $"interrupted tasks marked after {(marked.Count == 0 ? "-" : $"{marked.Min():F1}–{marked.Max():F1} s")} " +
                          $"(bound {InterruptionBound.TotalSeconds:F0} s); {failures.Count} failures");
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }

    private sealed record TaskState(string Status, string Message);

    private static async Task<string> StartAsync(RealServer node, string content)
    {
        using var started = await node.Client.PostAsJsonAsync("/async/data/import", new { content });
        var body = await started.Content.ReadAsStringAsync();
        Assert.That((int)started.StatusCode, Is.EqualTo(200), body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    private static async Task RequireImportAsync(RealServer node, string content)
    {
        using var imported = await node.Client.ImportAsync(content);
        Assert.That((int)imported.StatusCode, Is.EqualTo(200), await imported.Content.ReadAsStringAsync());
    }

    private static async Task<TaskState> TaskAsync(RealServer node, string id)
    {
        var task = JsonDocument.Parse(await node.Client.GetStringAsync($"/async/task/{id}")).RootElement;
        return new TaskState(task.GetProperty("status").GetString()!, task.GetProperty("message").GetString()!);
    }

    private static async Task<TaskState> PollAsync(RealServer node, string id, Func<TaskState, bool> until)
    {
        var deadline = DateTime.UtcNow + PollLimit;
        while (true)
        {
            var task = await TaskAsync(node, id);
            if (until(task))
            {
                return task;
            }
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"task {id} never got there; last seen {task}");
            await Task.Delay(25);
        }
    }

    private static async Task<(byte[] Export, string? Revision)> ExportWithRevisionAsync(RealServer node)
    {
        using var response = await node.Client.GetAsync("/data/export");
        return (await response.Content.ReadAsByteArrayAsync(), response.Headers.ETag?.Tag);
    }

    /// <summary>"importing: 100/10100 entries" → (100, 10100); null for any other message.</summary>
    private static (int Done, int Total)? Progress(string message) =>
        ImportingPattern().Match(message) is { Success: true } match
            ? (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value))
            : null;

    [GeneratedRegex("^importing: ([0-9]+)/([0-9]+) entries$")]
    private static partial Regex ImportingPattern();

    /// <summary>Which server runs the task, as its row names it.</summary>
    private static string OwnerOf(string connectionString, string id)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT \"Owner\" FROM \"AsyncTasks\" WHERE \"Id\" = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return (string)command.ExecuteScalar()!;
    }
}
#endif
