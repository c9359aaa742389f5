using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ekuiper.Tests.Shared;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>
/// http(s):// fetches cannot be turned against the server's network: link-local and cloud-metadata addresses are
/// refused after resolution and on every redirect, before a connection is tried; Ekuiper:Fetch:AllowedHosts narrows
/// the hosts further. The test network (<see cref="TestFetchNetwork"/>) records every connection attempt.
/// </summary>
public sealed class FetchGuardTests : ServerTest
{
    private const string LinkLocal = "a link-local address (where cloud-metadata services answer), which the server never fetches from";

    [Test]
    public async Task A_plugin_url_whose_name_resolves_to_the_metadata_address_is_refused_without_connecting()
    {
        Factory.Network.Names["plugins.test"] = [IPAddress.Parse("169.254.169.254")];
        const string url = "http://plugins.test/random.zip";

        var (status, body) = await ImportAsync(("nativePlugins", "sources_random", Plugin("random", url)));

        Assert.That(status, Is.EqualTo(400));
        Assert.That(Report(body)["nativePlugins"]["sources_random"], Is.EqualTo(
            $"fail to download file {url}: refused to fetch from host plugins.test: it resolves to 169.254.169.254, {LinkLocal}"));
        Assert.That(Factory.Network.Connections, Is.Empty);
        Assert.That(await Client.GetFromJsonAsync<string[]>("/plugins/sources"), Is.Empty);
    }

    [TestCase("http://169.254.169.254/latest/meta-data/p.zip", "169.254.169.254 is " + LinkLocal)]
    [TestCase("http://[fe80::1]/p.zip", "fe80::1 is " + LinkLocal)]
    [TestCase("http://[::ffff:169.254.169.254]/p.zip", "::ffff:169.254.169.254 is " + LinkLocal)]
    [TestCase("http://[fd00:ec2::254]/p.zip", "fd00:ec2::254 is a cloud-metadata address, which the server never fetches from")]
    [TestCase("http://100.100.100.200/p.zip", "100.100.100.200 is a cloud-metadata address, which the server never fetches from")]
    [TestCase("http://metadata.google.internal/computeMetadata/v1/p.zip", "it names a cloud-metadata service, which the server never fetches from")]
    public async Task A_metadata_or_link_local_url_is_refused_before_any_lookup_or_connection(string url, string why)
    {
        var host = new Uri(url).IdnHost.Trim('[', ']');

        var (status, body) = await ImportAsync(("nativePlugins", "sources_random", Plugin("random", url)));

        Assert.That(status, Is.EqualTo(400));
        Assert.That(Report(body)["nativePlugins"]["sources_random"],
            Is.EqualTo($"fail to download file {url}: refused to fetch from host {host}: {why}"));
        Assert.That(Factory.Network.Connections, Is.Empty);
    }

    [Test]
    public async Task A_redirect_from_the_loopback_server_to_the_metadata_address_is_refused_without_following_it()
    {
        await using var server = await LoopbackFileServer.StartAsync();
        var url = server.Redirect("/random.zip", "http://169.254.169.254/latest/meta-data/iam/random.zip");

        var (status, body) = await ImportAsync(("nativePlugins", "sources_random", Plugin("random", url)));

        Assert.That(status, Is.EqualTo(400));
        Assert.That(Report(body)["nativePlugins"]["sources_random"], Is.EqualTo(
            $"fail to download file {url}: refused to fetch from host 169.254.169.254: 169.254.169.254 is {LinkLocal}"));
        Assert.That(server.Requests, Is.EqualTo(1));
        Assert.That(Factory.Network.Connections.Select(c => c.Address), Is.All.EqualTo(IPAddress.Loopback));
    }

    [Test]
    public async Task A_redirect_to_a_name_that_resolves_to_the_metadata_address_is_refused_without_connecting_there()
    {
        Factory.Network.Names["rebind.test"] = [IPAddress.Parse("fd00:ec2::254")];
        await using var server = await LoopbackFileServer.StartAsync();
        var url = server.Redirect("/random.zip", "http://rebind.test/random.zip");

        var (status, body) = await ImportAsync(("nativePlugins", "sources_random", Plugin("random", url)));

        Assert.That(status, Is.EqualTo(400));
        Assert.That(Report(body)["nativePlugins"]["sources_random"], Is.EqualTo(
            $"fail to download file {url}: refused to fetch from host rebind.test: it resolves to fd00:ec2::254, a cloud-metadata address, which the server never fetches from"));
        Assert.That(Factory.Network.Connections.Select(c => c.Address), Is.All.EqualTo(IPAddress.Loopback));
    }

    [Test]
    public async Task Redirects_on_loopback_are_followed_and_the_plugin_installed()
    {
        await using var server = await LoopbackFileServer.StartAsync();
        var file = server.Serve("/files/random.zip", PackageZips.NativePlugin("sources", "random"));
        var url = server.Redirect("/random.zip", file);

        var (status, body) = await ImportAsync(("nativePlugins", "sources_random", Plugin("random", url)));

        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That(server.Requests, Is.EqualTo(2));
        Assert.That(File.Exists(Path.Combine(Factory.DataDirectory, "plugins/native/sources/random/random.so")), Is.True);
    }

    [Test]
    public async Task A_document_an_upload_and_a_background_import_from_the_metadata_address_are_refused()
    {
        const string url = "http://169.254.169.254/latest/user-data";
        var refusal = $"fail to download file {url}: refused to fetch from host 169.254.169.254: 169.254.169.254 is {LinkLocal}";

        var (documentStatus, document) = await Client.PostAsJsonAsync("/data/import", new { file = url }).ReadAsync();
        var (uploadStatus, upload) = await Client.PostAsJsonAsync("/config/uploads", new { name = "user-data", file = url }).ReadAsync();
        var (asyncStatus, background) = await Client.PostAsJsonAsync("/async/data/import", new { file = url }).ReadAsync();

        Assert.That((documentStatus, document.GetProperty("message").GetString()), Is.EqualTo((400, refusal)));
        Assert.That((uploadStatus, upload.GetProperty("message").GetString()), Is.EqualTo((400, refusal)));
        Assert.That(asyncStatus, Is.EqualTo(200), background.ToString());
        var task = await Client.PollUntilDoneAsync(background.GetProperty("id").GetString()!);
        Assert.That(task.GetRawText(), Does.Contain(refusal));
        Assert.That(Factory.Network.Connections, Is.Empty);
    }

    [Test]
    public async Task The_allow_list_refuses_every_other_host_loopback_included_and_lets_its_hosts_through()
    {
        await using var server = await LoopbackFileServer.StartAsync();
        var port = new Uri(server.BaseAddress).Port;
        server.Serve("/random.zip", PackageZips.NativePlugin("sources", "random"));
        using var factory = new EkuiperApiFactory(settings: new Dictionary<string, string?>
        {
            ["Ekuiper:Fetch:AllowedHosts:0"] = "plugins.example",
            ["Ekuiper:Fetch:AllowedHosts:1"] = "*.mirror.example",
        });
        factory.Network.Names["plugins.example"] = [IPAddress.Loopback];
        factory.Network.Names["eu.mirror.example"] = [IPAddress.Loopback];
        using var client = factory.CreateClient();
        var loopback = server.BaseAddress + "/random.zip";

        var (refusedStatus, refused) = await client.ImportContentAsync(
            EkuiperClient.Document(("nativePlugins", "sources_random", Plugin("random", loopback)))).ReadAsync();
        var connectionsAfterRefusal = factory.Network.Connections.Count;
        var requestsAfterRefusal = server.Requests;
        var (allowedStatus, allowed) = await client.ImportContentAsync(EkuiperClient.Document(
            ("nativePlugins", "sources_random", Plugin("random", $"http://plugins.example:{port}/random.zip")))).ReadAsync();
        var (wildcardStatus, wildcard) = await client.ImportContentAsync(EkuiperClient.Document(
            ("nativePlugins", "sources_other", Plugin("other", $"http://eu.mirror.example:{port}/random.zip")))).ReadAsync();

        Assert.That(refusedStatus, Is.EqualTo(400));
        Assert.That(Report(refused)["nativePlugins"]["sources_random"], Is.EqualTo(
            $"fail to download file {loopback}: refused to fetch from host 127.0.0.1: it is not in Ekuiper:Fetch:AllowedHosts (plugins.example, *.mirror.example)"));
        Assert.That((connectionsAfterRefusal, requestsAfterRefusal), Is.EqualTo((0, 0)));
        Assert.That(allowedStatus, Is.EqualTo(200), allowed.ToString());
        Assert.That(wildcardStatus, Is.Not.EqualTo(200), "the zip holds plugin random, not other");
        Assert.That(wildcard.GetProperty("message").GetString(), Does.Not.Contain("AllowedHosts"));
        Assert.That(server.Requests, Is.EqualTo(2));
    }

    private async Task<(int Status, JsonElement Body)> ImportAsync(params (string Section, string Key, string Value)[] entries) =>
        await Client.ImportContentAsync(EkuiperClient.Document(entries)).ReadAsync();

    private static Dictionary<string, Dictionary<string, string>> Report(JsonElement body) =>
        JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(body.GetProperty("message").GetString()!)!;

    private static string Plugin(string name, string file) =>
        JsonSerializer.Serialize(new { name, file, shellParas = Array.Empty<string>() });
}
