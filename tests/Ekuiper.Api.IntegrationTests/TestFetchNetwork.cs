using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Ekuiper.Infrastructure.Artifacts;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>
/// The network as the test servers' fetches see it: they never leave the machine. "localhost" and the names a test
/// adds (<see cref="Names"/>) resolve; any other name fails as an unknown host does on a machine without network
/// (which is what the seed's two plugin URLs meet). Connections reach loopback only, and every attempt is recorded.
/// </summary>
public sealed class TestFetchNetwork : IFetchNetwork
{
    public ConcurrentDictionary<string, IPAddress[]> Names { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every endpoint a fetch tried to connect to, in order.</summary>
    public ConcurrentQueue<IPEndPoint> Connections { get; } = new();

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? Task.FromResult(new[] { IPAddress.Loopback })
        : Names.TryGetValue(host, out var addresses) ? Task.FromResult(addresses)
        : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));

    public async ValueTask<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        Connections.Enqueue(endpoint);
        if (!IPAddress.IsLoopback(endpoint.Address))
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }
        return await new SystemFetchNetwork().ConnectAsync(endpoint, cancellationToken);
    }
}
