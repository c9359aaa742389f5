namespace Ekuiper.Api.IntegrationTests;

public sealed class ServerEndpointsTests : ServerTest
{
    [Test]
    public async Task Ping_answers_200_with_an_empty_body()
    {
        var (status, text) = await Client.GetAsync("/ping").ReadTextAsync();

        Assert.That(status, Is.EqualTo(200));
        Assert.That(text, Is.Empty);
    }

    [Test]
    public async Task Root_reports_version_platform_and_uptime_as_eKuiper()
    {
        var (status, body) = await Client.GetAsync("/").ReadAsync();

        Assert.That(status, Is.EqualTo(200));
        Assert.That(body.GetProperty("version").GetString(), Is.Not.Empty);
        Assert.That(body.GetProperty("os").GetString(), Is.EqualTo(OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : "linux"));
        Assert.That(body.GetProperty("arch").GetString(), Is.AnyOf("amd64", "arm64", "386", "arm"));
        var processSeconds = (long)(DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalSeconds;
        Assert.That(body.GetProperty("upTimeSeconds").GetInt64(), Is.InRange(0, processSeconds + 1), "the server started within this process");
        Assert.That(long.Parse(body.GetProperty("memoryTotal").GetString()!), Is.GreaterThan(0));
        Assert.That(body.GetProperty("cpuUsage").GetString(), Does.Match(@"^[0-9]+\.[0-9]{2}%$"));
        Assert.That(long.Parse(body.GetProperty("memoryUsed").GetString()!), Is.GreaterThan(0));
        Assert.That(body.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "version", "os", "arch", "upTimeSeconds", "cpuUsage", "memoryUsed", "memoryTotal" }), "eKuiper's field order");
    }

    [Test]
    public async Task Root_answers_POST_too()
    {
        var (status, body) = await Client.PostAsync("/", new StringContent("any")).ReadAsync();

        Assert.That(status, Is.EqualTo(200));
        Assert.That(body.GetProperty("version").GetString(), Is.Not.Empty);
    }
}
