#if STORE_POSTGRESQL
using Npgsql;

namespace Ekuiper.Reliability.Tests;

/// <summary>
/// Servers started at the same moment on one empty PostgreSQL database: the migration lock lets one migrate while the
/// others wait, so every server comes up and every migration is applied exactly once.
/// </summary>
public sealed class MigrationLockTests
{
    private const int Rounds = 5;
    private const int Nodes = 3;

    private readonly ServerFleet _fleet = new();

    [TearDown]
    public async Task StopServers() => await _fleet.DisposeAsync();

    [Test]
    public async Task Three_servers_started_together_on_an_empty_database_all_come_up_and_migrate_once()
    {
        var histories = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            var servers = await _fleet.StartAsync(Nodes);
            var connectionString = TestStore.ConnectionStringFor(servers[0].DataDirectory);

            foreach (var server in servers)
            {
                using var ping = await server.Client.GetAsync("/ping");
                Assert.That((int)ping.StatusCode, Is.EqualTo(200));
            }
            var definitions = await MigrationsAsync(connectionString, "__EFMigrationsHistory");
            var tasks = await MigrationsAsync(connectionString, "__EFTaskMigrationsHistory");
            Assert.That(definitions, Is.Unique.And.Not.Empty, "each migration of the store applied once");
            Assert.That(tasks, Is.Unique.And.Not.Empty, "each migration of the task store applied once");
            Assert.That(await HangfireSchemaVersionsAsync(connectionString), Has.Count.EqualTo(1), "Hangfire's schema installed once");
            histories.Add($"{definitions.Count}+{tasks.Count}");
            // The store works for all of them: a write through one is read through the others.
            using (var import = await servers[0].Client.ImportAsync(Documents.Tagged("round" + round, streams: 2, rules: 3)))
            {
                Assert.That((int)import.StatusCode, Is.EqualTo(200));
            }
            var exports = await Task.WhenAll(servers.Select(s => s.Client.ExportAsync()));
            Assert.That(exports, Is.All.EqualTo(exports[0]));
            await StopServers();
        }
        Console.WriteLine($"migration lock: {Rounds} rounds of {Nodes} servers started together on an empty database; " +
                          $"migrations applied (store+tasks) per round: {string.Join(", ", histories)}");
    }

    private static async Task<List<int>> HangfireSchemaVersionsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"version\" FROM \"hangfire\".\"schema\"", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }
        return versions;
    }

    private static async Task<List<string>> MigrationsAsync(string connectionString, string historyTable)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT \"MigrationId\" FROM \"{historyTable}\"", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }
}
#endif
