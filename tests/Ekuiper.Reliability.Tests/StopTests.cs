namespace Ekuiper.Reliability.Tests;

/// <summary>
/// eKuiper's stop=1 on the real process: the server that ran the import answers, then exits with code 100 about a
/// second later; any other server on the same store keeps serving and does not stop later either.
/// </summary>
public sealed class StopTests
{
    private readonly ServerFleet _fleet = new();

    [TearDown]
    public async Task StopServers() => await _fleet.DisposeAsync();

    [Test]
    public async Task Stop_1_stops_the_server_that_imported_with_exit_code_100_and_no_other()
    {
        // On SQLite one server per data directory: the other nodes stand for any other server of the deployment.
        var servers = await _fleet.StartAsync(nodes: 3);
        var (importer, others) = (servers[0], servers[1..]);

        using var answer = await importer.Client.ImportAsync(Documents.Tagged("stop", streams: 1, rules: 1), "?stop=1");
        var exitCode = await importer.WaitForExitAsync(TimeSpan.FromSeconds(30));
        // Never later either: nothing was left for another server to pick up.
        var stillRunning = await Task.WhenAll(others.Select(o => o.WaitForExitAsync(TimeSpan.FromSeconds(5))));

        Assert.That((int)answer.StatusCode, Is.EqualTo(200));
        Assert.That(exitCode, Is.EqualTo(100), importer.Output);
        Assert.That(stillRunning, Is.All.Null, "no other server may stop");
        foreach (var other in others)
        {
            using var ping = await other.Client.GetAsync("/ping");
            Assert.That((int)ping.StatusCode, Is.EqualTo(200));
            if (TestStore.IsPostgreSql)
            {
                // The other nodes serve the store the import landed in.
                Assert.That(Documents.Sections(await other.Client.ExportAsync())["rules"].Keys, Is.EqualTo(new[] { "r0" }));
            }
        }
    }
}
