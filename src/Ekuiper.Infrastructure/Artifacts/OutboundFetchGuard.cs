using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Ekuiper.Infrastructure.Artifacts;

/// <summary>
/// The network as the fetcher reaches it: name resolution and TCP connections. The integration tests stand in for it
/// to keep every download on the machine and to see which addresses a fetch tried to reach.
/// </summary>
public interface IFetchNetwork
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);

    ValueTask<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken);
}

/// <summary>The machine's resolver and sockets.</summary>
public sealed class SystemFetchNetwork : IFetchNetwork
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);

    public async ValueTask<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A fetch the guard refused; its message is the reason, naming the host.</summary>
public sealed class FetchRefusedException(string reason) : Exception(reason);

/// <summary>
/// Keeps http(s):// fetches from being turned against the network the server sits in. Never, whatever the settings:
/// link-local addresses (169.254.0.0/16, fe80::/10) and the cloud-metadata services (169.254.169.254, fd00:ec2::254,
/// 100.100.100.200, 168.63.129.16, metadata.google.internal, …), in any spelling (IPv4-mapped IPv6, NAT64), nor the
/// unspecified addresses. With <c>Ekuiper:Fetch:AllowedHosts</c> set, only the hosts it lists.
/// The URL's host is checked before a request is sent, on every redirect (<see cref="ArtifactFetcher"/> follows them
/// itself); the addresses a name resolves to are checked in <see cref="ConnectAsync"/>, which then connects to exactly
/// those addresses, so a name that resolves differently the second time (DNS rebinding) gains nothing.
/// </summary>
public sealed class OutboundFetchGuard(IFetchNetwork network, IOptions<EkuiperOptions> options)
{
    /// <summary>Host names of cloud-metadata services, refused before any lookup.</summary>
    private static readonly HashSet<string> MetadataHostNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal",
    };

    /// <summary>Cloud-metadata addresses outside the link-local ranges.</summary>
    private static readonly IPAddress[] MetadataAddresses =
    [
        IPAddress.Parse("fd00:ec2::254"),   // AWS, over IPv6
        IPAddress.Parse("100.100.100.200"), // Alibaba Cloud
        IPAddress.Parse("168.63.129.16"),   // Azure's host endpoint (WireServer)
    ];

    private static readonly IPAddress Nat64Prefix = IPAddress.Parse("64:ff9b::");

    private readonly string[] _allowedHosts = (options.Value.Fetch.AllowedHosts ?? [])
        .Select(h => h.Trim()).Where(h => h.Length > 0).ToArray();

    /// <summary>A handler whose every connection goes through <see cref="ConnectAsync"/>; redirects are left to the caller.</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        // A proxy would be the address connected to, not the host: fetches go directly, so that the check holds.
        UseProxy = false,
        ConnectCallback = ConnectAsync,
    };

    /// <summary>Why a fetch of <paramref name="uri"/> may not be sent, or null when it may (its addresses are checked on connecting).</summary>
    public string? Refusal(Uri uri) => RefusalFor(HostOf(uri));

    private string? RefusalFor(string host)
    {
        if (_allowedHosts.Length > 0 && !_allowedHosts.Any(allowed => Matches(allowed, host)))
        {
            return $"refused to fetch from host {host}: it is not in Ekuiper:Fetch:AllowedHosts ({string.Join(", ", _allowedHosts)})";
        }
        if (MetadataHostNames.Contains(host.TrimEnd('.')))
        {
            return $"refused to fetch from host {host}: it names a cloud-metadata service, which the server never fetches from";
        }
        return IPAddress.TryParse(host, out var literal) && Forbidden(literal) is { } why
            ? $"refused to fetch from host {host}: {literal} is {why}, which the server never fetches from"
            : null;
    }

    /// <summary>Resolves the host, refuses it if any of its addresses is forbidden, then connects to one of those addresses.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']').ToLowerInvariant();
        if (RefusalFor(host) is { } refusal)
        {
            throw new FetchRefusedException(refusal);
        }
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await network.ResolveAsync(host, cancellationToken);
        foreach (var address in addresses)
        {
            if (Forbidden(address) is { } why)
            {
                throw new FetchRefusedException(
                    $"refused to fetch from host {host}: it resolves to {address}, {why}, which the server never fetches from");
            }
        }
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }
        SocketException? last = null;
        foreach (var address in addresses)
        {
            try
            {
                return await network.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
            }
            catch (SocketException e)
            {
                last = e;
            }
        }
        throw last!;
    }

    /// <summary>Why the server never connects to <paramref name="address"/>, or null.</summary>
    public static string? Forbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        else if (address.AddressFamily == AddressFamily.InterNetworkV6 && InPrefix(address, Nat64Prefix, 96))
        {
            address = new IPAddress(address.GetAddressBytes()[12..]);
        }
        if (MetadataAddresses.Any(address.Equals))
        {
            return "a cloud-metadata address";
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var bytes = address.GetAddressBytes();
            return bytes[0] == 169 && bytes[1] == 254 ? "a link-local address (where cloud-metadata services answer)"
                : bytes[0] == 0 ? "an unspecified address"
                : null;
        }
        return address.IsIPv6LinkLocal ? "a link-local address (where cloud-metadata services answer)"
            : address.Equals(IPAddress.IPv6Any) ? "an unspecified address"
            : null;
    }

    private static bool InPrefix(IPAddress address, IPAddress prefix, int bits)
    {
        var a = address.GetAddressBytes();
        var p = prefix.GetAddressBytes();
        for (var i = 0; i < bits / 8; i++)
        {
            if (a[i] != p[i])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The host as the URL names it: lower case, IDN in its ASCII form, an IPv6 literal without brackets.</summary>
    private static string HostOf(Uri uri) => uri.IdnHost.Trim('[', ']').ToLowerInvariant();

    private static bool Matches(string allowed, string host)
    {
        allowed = allowed.Trim('[', ']');
        if (IPAddress.TryParse(allowed, out var allowedAddress))
        {
            return IPAddress.TryParse(host, out var hostAddress) && allowedAddress.Equals(hostAddress);
        }
        return allowed.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(allowed.TrimEnd('.'), host.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
    }
}
