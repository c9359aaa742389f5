namespace Ekuiper.Reliability.Tests;

/// <summary>
/// The server processes and data directories one test starts: one or several nodes, each with its own directory and
/// (on PostgreSQL) all on the first node's database. Disposing stops every process and deletes every directory.
/// </summary>
public sealed class ServerFleet : IAsyncDisposable
{
    private readonly List<string> _directories = [];
    private readonly List<RealServer> _servers = [];

    /// <summary>Starts <paramref name="nodes"/> servers at once, each over a new data directory, all on one store.</summary>
    /// <param name="settings">Environment variables for every server, e.g. a short task lease.</param>
    public async Task<RealServer[]> StartAsync(int nodes, IReadOnlyDictionary<string, string>? settings = null)
    {
        var directories = Enumerable.Range(0, nodes).Select(_ => RealServer.NewDataDirectory()).ToList();
        _directories.AddRange(directories);
        foreach (var directory in directories.Skip(1))
        {
            TestStore.ShareDatabase(directory, directories[0]);
        }
        var servers = await Task.WhenAll(directories.Select(async directory =>
        {
            var server = await RealServer.StartAsync(directory, settings);
            lock (_servers)
            {
                _servers.Add(server);
            }
            return server;
        }));
        return servers;
    }

    /// <summary>One more server over a new data directory, on the store of <paramref name="member"/> (PostgreSQL).</summary>
    public async Task<RealServer> AddAsync(RealServer member, IReadOnlyDictionary<string, string>? settings = null)
    {
        var directory = RealServer.NewDataDirectory();
        _directories.Add(directory);
        TestStore.ShareDatabase(directory, member.DataDirectory);
        var server = await RealServer.StartAsync(directory, settings);
        _servers.Add(server);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
        foreach (var directory in _directories)
        {
            RealServer.DeleteDirectory(directory);
        }
        _servers.Clear();
        _directories.Clear();
    }
}
