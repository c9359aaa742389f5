using System.Net.Http.Json;
using System.Text.Json;

namespace Ekuiper.Reliability.Tests;

/// <summary>
/// One server per data directory, on real processes: a second server started on a directory in use exits at once with
/// exit code 3 and a message, before it touches anything — the first keeps serving and its running background import
/// is not marked "interrupted by restart". A server killed with SIGKILL leaves nothing that stops the next one.
/// </summary>
public sealed class DataDirectoryLockTests
{
    private const int InUseExitCode = 3;
    private static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollLimit = TimeSpan.FromMinutes(5);

    /// <summary>Long enough (several seconds) that the import still runs while the second server starts and exits.</summary>
    private static readonly string Large = Documents.Tagged("locked", streams: 100, rules: 150_000);

    private string _directory = null!;
    private readonly List<RealServer> _servers = [];

    [SetUp]
    public void CreateDirectory() => _directory = RealServer.NewDataDirectory();

    [TearDown]
    public async Task StopServers()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
        RealServer.DeleteDirectory(_directory);
    }

    private async Task<RealServer> StartAsync()
    {
        var server = await RealServer.StartAsync(_directory);
        _servers.Add(server);
        return server;
    }

    private string ExpectedMessage =>
        $"another Ekuiper server is using the data directory {Path.GetFullPath(_directory)} " +
        $"(lock file {Path.Combine(Path.GetFullPath(_directory), ".lock")}); stop it or choose another Ekuiper:DataDirectory";

    [Test]
    public async Task A_second_server_on_a_directory_in_use_exits_at_once_and_leaves_the_first_and_its_import_alone()
    {
        var first = await StartAsync();
        var running = await StartImportAsync(first.Client, Large);
        // A second task waits behind the first: "register" rows are what a starting server would mark, too.
        var waiting = await StartImportAsync(first.Client, JsonSerializer.Serialize(new
        {
            streams = new Dictionary<string, string> { ["late"] = "CREATE STREAM late () WITH (DATASOURCE=\"late\", FORMAT=\"JSON\")" },
        }), "?partial=1");
        await PollAsync(first.Client, running, status => status is "running" or "finish" or "error" or "cancel");

        var second = await RealServer.RunToExitAsync(_directory, ExitLimit);
        var (runningStatus, _) = await TaskAsync(first.Client, running);
        var (waitingStatus, _) = await TaskAsync(first.Client, waiting);

        Console.WriteLine($"data directory lock: the second server exited with {second.ExitCode} after {second.Elapsed.TotalSeconds:F1} s; " +
                          $"the first server's tasks then read {runningStatus} (150,000-rule import) and {waitingStatus} (waiting behind it)");
        Assert.That(second.ExitCode, Is.EqualTo(InUseExitCode), second.StandardOutput + second.StandardError);
        Assert.That(second.StandardError, Does.Contain(ExpectedMessage));
        Assert.That(second.StandardOutput, Does.Not.Contain("Now listening"), "the second server must not have started");
        Assert.That(runningStatus, Is.EqualTo("running"),
            "the import ended before the second server had exited: this test needs a larger document to prove anything");
        Assert.That(waitingStatus, Is.EqualTo("register"));

        // The first server serves on, and both tasks end as if nothing had happened.
        using (var ping = await first.Client.GetAsync("/ping"))
        {
            Assert.That((int)ping.StatusCode, Is.EqualTo(200));
        }
        var (endedStatus, endedMessage) = await PollAsync(first.Client, running, IsFinal);
        var (lateStatus, lateMessage) = await PollAsync(first.Client, waiting, IsFinal);
        Assert.That(endedStatus, Is.EqualTo("finish"), endedMessage);
        Assert.That(endedMessage, Does.Not.Contain("interrupted by restart"));
        Assert.That(lateStatus, Is.EqualTo("finish"), lateMessage);

        var export = Documents.Sections(await first.Client.ExportAsync());
        var expected = Documents.Sections(System.Text.Encoding.UTF8.GetBytes(Large));
        Assert.That(export["rules"].Count, Is.EqualTo(expected["rules"].Count));
        Assert.That(export["rules"].All(rule => SameJson(rule.Value, expected["rules"][rule.Key])), Is.True, "rules as imported");
        Assert.That(export["streams"].Keys, Is.EquivalentTo(expected["streams"].Keys.Append("late")));
        Assert.That(export["streams"].Where(s => s.Key != "late").All(s => s.Value == expected["streams"][s.Key]), Is.True, "streams as imported");
        Assert.That(first.HasExited, Is.False);
    }

    [Test]
    public async Task After_the_server_is_killed_with_SIGKILL_a_new_server_starts_on_the_same_directory()
    {
        var first = await StartAsync();
        var imported = Documents.Tagged("before-kill", streams: 10, rules: 100);
        using (var response = await first.Client.ImportAsync(imported))
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
        }
        var before = await first.Client.ExportAsync();
        var held = await RealServer.RunToExitAsync(_directory, ExitLimit);
        Assert.That(held.ExitCode, Is.EqualTo(InUseExitCode), "the lock is held while the first server runs");

        first.Kill();
        Assert.That(File.Exists(Path.Combine(_directory, ".lock")), Is.True, "the lock file stays; only its lock went with the process");

        var restarted = await StartAsync();
        Assert.That(await restarted.Client.ExportAsync(), Is.EqualTo(before));
        // And the restarted server holds the lock in its turn.
        var third = await RealServer.RunToExitAsync(_directory, ExitLimit);
        Assert.That(third.ExitCode, Is.EqualTo(InUseExitCode), third.StandardError);
    }

    private static bool IsFinal(string status) => status is "finish" or "error" or "cancel";

    private static async Task<string> StartImportAsync(HttpClient client, string content, string query = "")
    {
        using var response = await client.PostAsJsonAsync("/async/data/import" + query, new { content });
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<(string Status, string Message)> TaskAsync(HttpClient client, string id)
    {
        var task = JsonDocument.Parse(await client.GetStringAsync($"/async/task/{id}")).RootElement;
        return (task.GetProperty("status").GetString()!, task.GetProperty("message").GetString() ?? "");
    }

    private static async Task<(string Status, string Message)> PollAsync(HttpClient client, string id, Func<string, bool> until)
    {
        var deadline = DateTime.UtcNow + PollLimit;
        while (true)
        {
            var task = await TaskAsync(client, id);
            if (until(task.Status))
            {
                return task;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"task {id} did not get there within {PollLimit}; last seen {task}");
            }
            await Task.Delay(50);
        }
    }

    private static bool SameJson(string left, string right) =>
        left == right || JsonElement.DeepEquals(JsonDocument.Parse(left).RootElement, JsonDocument.Parse(right).RootElement);
}
