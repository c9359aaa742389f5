using System.Net;
using System.Net.Sockets;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Infrastructure.Artifacts;
using Microsoft.Extensions.Options;
using Moq;

namespace Ekuiper.Infrastructure.Tests.Artifacts;

public sealed class OutboundFetchGuardTests
{
    [TestCase("169.254.169.254")]
    [TestCase("169.254.0.1")]
    [TestCase("169.254.255.255")]
    [TestCase("fe80::1")]
    [TestCase("fe80::1%2")]
    [TestCase("febf::1")]
    [TestCase("fd00:ec2::254")]
    [TestCase("100.100.100.200")]
    [TestCase("168.63.129.16")]
    [TestCase("::ffff:169.254.169.254")]
    [TestCase("64:ff9b::a9fe:a9fe")]
    [TestCase("0.0.0.0")]
    [TestCase("::")]
    public void Link_local_metadata_and_unspecified_addresses_are_forbidden(string address) =>
        Assert.That(OutboundFetchGuard.Forbidden(IPAddress.Parse(address)), Is.Not.Null);

    [TestCase("127.0.0.1")]
    [TestCase("::1")]
    [TestCase("10.1.2.3")]
    [TestCase("192.168.1.10")]
    [TestCase("169.253.255.255")]
    [TestCase("169.255.0.1")]
    [TestCase("100.100.100.201")]
    [TestCase("93.184.216.34")]
    [TestCase("fec0::1")]
    [TestCase("fd00:ec2::253")]
    [TestCase("2001:db8::1")]
    public void Other_addresses_loopback_and_private_ones_included_are_allowed(string address) =>
        Assert.That(OutboundFetchGuard.Forbidden(IPAddress.Parse(address)), Is.Null);

    [TestCase("http://plugins.example/a.zip", true)]
    [TestCase("http://PLUGINS.example./a.zip", true)]
    [TestCase("https://eu.mirror.example/a.zip", true)]
    [TestCase("https://a.b.mirror.example/a.zip", true)]
    [TestCase("https://mirror.example/a.zip", false)]
    [TestCase("https://evilmirror.example/a.zip", false)]
    [TestCase("http://10.0.0.5:8080/a.zip", true)]
    [TestCase("http://127.0.0.1/a.zip", false)]
    [TestCase("http://localhost/a.zip", false)]
    [TestCase("http://plugins.example.evil/a.zip", false)]
    public void The_allow_list_names_hosts_subdomains_and_addresses(string uri, bool allowed)
    {
        var guard = Guard(new Network(), "plugins.example", "*.mirror.example", "10.0.0.5");

        Assert.That(guard.Refusal(new Uri(uri)) is null, Is.EqualTo(allowed));
    }

    [Test]
    public void A_name_resolving_to_a_forbidden_address_among_others_is_refused_and_nothing_is_connected()
    {
        var network = new Network { ["mixed.test"] = [IPAddress.Parse("10.0.0.7"), IPAddress.Parse("::ffff:169.254.169.254")] };

        var message = Fail("http://mixed.test/p.zip", network);

        Assert.That(message, Is.EqualTo("fail to download file http://mixed.test/p.zip: refused to fetch from host mixed.test: " +
            "it resolves to ::ffff:169.254.169.254, a link-local address (where cloud-metadata services answer), which the server never fetches from"));
        Assert.That(network.Connections, Is.Empty);
    }

    [Test]
    public void A_name_resolving_to_an_allowed_address_is_connected_to_that_very_address()
    {
        var network = new Network { ["plugins.test"] = [IPAddress.Parse("10.0.0.7")] };

        var message = Fail("http://plugins.test:8080/p.zip", network);

        Assert.That(network.Connections, Is.EqualTo(new[] { new IPEndPoint(IPAddress.Parse("10.0.0.7"), 8080) }));
        Assert.That(message, Does.Contain("connection refused"));
    }

    [Test]
    public void An_unknown_name_is_reported_as_Go_reports_it()
    {
        Assert.That(Fail("https://nowhere.example/p.zip", new Network()), Is.EqualTo(
            "fail to download file https://nowhere.example/p.zip: Get \"https://nowhere.example/p.zip\": dial tcp: lookup nowhere.example: no such host"));
    }

    private static string Fail(string uri, Network network)
    {
        var guard = Guard(network);
        var handler = guard.CreateHandler();
        var clients = new Mock<IHttpClientFactory>();
        clients.Setup(c => c.CreateClient(ArtifactFetcher.HttpClientName)).Returns(() => new HttpClient(handler, disposeHandler: false));
        var fetcher = new ArtifactFetcher(clients.Object, Options.Create(new EkuiperOptions { FetchTimeoutSeconds = 30 }), guard);
        return Assert.ThrowsAsync<FetchFailedException>(() => fetcher.FetchAsync(uri, CancellationToken.None))!.Message;
    }

    private static OutboundFetchGuard Guard(IFetchNetwork network, params string[] allowedHosts) =>
        new(network, Options.Create(new EkuiperOptions { Fetch = new FetchSettings { AllowedHosts = allowedHosts } }));

    /// <summary>Resolves the names it holds; records and refuses every connection.</summary>
    private sealed class Network : Dictionary<string, IPAddress[]>, IFetchNetwork
    {
        public List<IPEndPoint> Connections { get; } = [];

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            TryGetValue(host, out var addresses) ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));

        public ValueTask<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
        {
            Connections.Add(endpoint);
            return ValueTask.FromException<Stream>(new SocketException((int)SocketError.ConnectionRefused));
        }
    }
}
