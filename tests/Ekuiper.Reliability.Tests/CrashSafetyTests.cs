using System.Diagnostics;

namespace Ekuiper.Reliability.Tests;

/// <summary>
/// Crash safety, proven on the real process: a large full import is cut short by SIGKILL at a random moment; after a
/// restart the export is exactly the state before the import or exactly the state after it — never a mix.
/// </summary>
public sealed class CrashSafetyTests
{
    private const int Trials = 20;

    /// <summary>The state before: 2,000 rules. The import: 10,000 other rules, long enough to be hit half way.</summary>
    private static readonly string Before = Documents.Tagged("before", streams: 100, rules: 2000);
    private static readonly string After = Documents.Tagged("after", streams: 100, rules: 10000);

    private readonly List<string> _directories = [];
    private readonly List<RealServer> _servers = [];

    [TearDown]
    public async Task KillEverything()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
        foreach (var directory in _directories)
        {
            RealServer.DeleteDirectory(directory);
        }
    }

    private async Task<RealServer> StartAsync(string directory)
    {
        var server = await RealServer.StartAsync(directory);
        _servers.Add(server);
        return server;
    }

    private string NewDirectory()
    {
        var directory = RealServer.NewDataDirectory();
        _directories.Add(directory);
        return directory;
    }

    [Test]
    public async Task A_full_import_killed_at_a_random_moment_leaves_the_state_before_or_after_never_a_mix()
    {
        // The two states a restart may show, and how long the import takes here, from one run left alone.
        var reference = await StartAsync(NewDirectory());
        Assert.That((int)(await reference.Client.ImportAsync(Before)).StatusCode, Is.EqualTo(200));
        var before = await reference.Client.ExportAsync();
        var clock = Stopwatch.StartNew();
        using (var imported = await reference.Client.ImportAsync(After))
        {
            Assert.That((int)imported.StatusCode, Is.EqualTo(200), await imported.Content.ReadAsStringAsync());
        }
        var importTime = clock.Elapsed;
        var after = await reference.Client.ExportAsync();
        await reference.DisposeAsync();

        var seed = TestContext.CurrentContext.Random.Next();
        var random = new Random(seed);
        int sawBefore = 0, sawAfter = 0, interrupted = 0;
        var failures = new List<string>();
        for (var trial = 1; trial <= Trials; trial++)
        {
            var directory = NewDirectory();
            var server = await StartAsync(directory);
            Assert.That((int)(await server.Client.ImportAsync(Before)).StatusCode, Is.EqualTo(200));
            // Anywhere from the request's start to a little past the import's usual end.
            var killAfter = TimeSpan.FromMilliseconds(random.NextDouble() * importTime.TotalMilliseconds * 1.25);
            var import = server.Client.ImportAsync(After);
            await Task.Delay(killAfter);
            interrupted += import.IsCompleted ? 0 : 1;
            server.Kill();
            try
            {
                (await import).Dispose();
            }
            catch (HttpRequestException)
            {
                // the connection died with the server
            }
            await server.DisposeAsync();

            var restarted = await StartAsync(directory);
            var export = await restarted.Client.ExportAsync();
            var backups = await restarted.Client.GetStringAsync("/data/backups");
            await restarted.DisposeAsync();

            var isBefore = export.SequenceEqual(before);
            var isAfter = export.SequenceEqual(after);
            sawBefore += isBefore ? 1 : 0;
            sawAfter += isAfter ? 1 : 0;
            if (!isBefore && !isAfter)
            {
                var sections = Documents.Sections(export);
                failures.Add($"trial {trial} (killed after {killAfter.TotalMilliseconds:F0} ms): a mix — " +
                             $"{sections["streams"].Count} streams, {sections["rules"].Count} rules");
            }
            // The backup is written in the import's transaction: it exists exactly when the import landed.
            var expectedBackups = isAfter ? 2 : 1;
            var backupCount = System.Text.Json.JsonDocument.Parse(backups).RootElement.GetArrayLength();
            if ((isBefore || isAfter) && backupCount != expectedBackups)
            {
                failures.Add($"trial {trial}: {backupCount} backups in the {(isAfter ? "after" : "before")} state, expected {expectedBackups}");
            }
        }

        Console.WriteLine(
            $"crash safety: {Trials} trials (SIGKILL during a full import of 10,000 rules over 2,000; import takes {importTime.TotalSeconds:F1} s " +
            $"unkilled; seed {seed}): {interrupted} killed before the import answered; export afterwards: {sawBefore} before, " +
            $"{sawAfter} after, {Trials - sawBefore - sawAfter} mixed; {failures.Count} failures");
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }
}
