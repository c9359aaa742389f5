using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Ekuiper.Reliability.Tests;

/// <summary>
/// Where the real server listens: 127.0.0.1:9081 when told nowhere, so that with authentication off (the default)
/// nothing but this machine reaches it; a warning when it is told to listen where other machines reach it.
/// </summary>
public sealed class ListenAddressTests
{
    private const string Warning = "which other machines can reach, with authentication off";

    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = RealServer.NewDataDirectory();

    [TearDown]
    public void DeleteDirectory() => RealServer.DeleteDirectory(_directory);

    [Test]
    public async Task Told_nowhere_it_listens_on_loopback_port_9081_only()
    {
        // The one test that needs a fixed port: the default's. Someone else holding it makes the test meaningless, not failed.
        try
        {
            using var probe = new TcpListener(IPAddress.Any, RealServer.DefaultPort);
            probe.Start();
        }
        catch (SocketException)
        {
            Assert.Ignore($"port {RealServer.DefaultPort} is in use on this machine");
        }

        await using var server = await RealServer.StartAsync(_directory,
            new Dictionary<string, string> { ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information" }, listenHost: null);

        using var ping = await server.Client.GetAsync("/ping");
        Assert.That((int)ping.StatusCode, Is.EqualTo(200));
        Assert.That(server.Client.BaseAddress, Is.EqualTo(new Uri("http://127.0.0.1:9081")));
        var listening = server.Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("Now listening on:", StringComparison.Ordinal)).ToList();
        Assert.That(listening, Is.EqualTo(new[] { "Now listening on: http://127.0.0.1:9081" }), server.Output);
        Assert.That(server.Output, Does.Not.Contain(Warning));
        foreach (var address in OwnNonLoopbackAddresses())
        {
            using var client = new TcpClient(address.AddressFamily);
            var refused = Assert.CatchAsync<SocketException>(() => client.ConnectAsync(address, RealServer.DefaultPort),
                $"{address}:{RealServer.DefaultPort} answered");
            Assert.That(refused!.SocketErrorCode, Is.EqualTo(SocketError.ConnectionRefused));
        }
    }

    [Test]
    public async Task Told_to_listen_on_every_interface_with_authentication_off_it_warns()
    {
        await using var server = await RealServer.StartAsync(_directory, listenHost: "0.0.0.0");

        using var ping = await server.Client.GetAsync("/ping");
        Assert.That((int)ping.StatusCode, Is.EqualTo(200));
        await WaitForAsync(() => server.Output.Contains(Warning));
        Assert.That(server.Output, Does.Contain("Listening on http://0.0.0.0:").And.Contain(Warning)
            .And.Contain("Turn on Ekuiper:Authentication:Enabled"));
    }

    [Test]
    public async Task Told_to_listen_on_every_interface_with_authentication_on_it_does_not_warn()
    {
        await using var server = await RealServer.StartAsync(_directory,
            new Dictionary<string, string> { ["Ekuiper__Authentication__Enabled"] = "true" }, listenHost: "0.0.0.0");

        using var ping = await server.Client.GetAsync("/ping");
        using var streams = await server.Client.GetAsync("/streams");

        Assert.That((int)ping.StatusCode, Is.EqualTo(200));
        Assert.That((int)streams.StatusCode, Is.EqualTo(401));
        Assert.That(server.Output, Does.Not.Contain(Warning));
    }

    /// <summary>This machine's own addresses other than loopback (none on a machine without network).</summary>
    private static IEnumerable<IPAddress> OwnNonLoopbackAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 50 && !condition(); i++)
        {
            await Task.Delay(100);
        }
    }
}
