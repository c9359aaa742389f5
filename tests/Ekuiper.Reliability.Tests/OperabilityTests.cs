using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ekuiper.Reliability.Tests;

/// <summary>The real process as a service runs it: its settings from its own folder, its log as JSON (docs/operations.md).</summary>
public sealed class OperabilityTests
{
    [Test]
    public async Task Started_from_another_directory_the_server_reads_the_appsettings_json_beside_it()
    {
        var data = RealServer.NewDataDirectory();
        var app = Path.Combine(Path.GetTempPath(), "ekuiper-reliability", "app-" + Guid.NewGuid().ToString("N"));
        try
        {
            // A copy of the built server whose appsettings.json names a port of its own and a small body limit.
            CopyDirectory(Path.GetDirectoryName(typeof(Program).Assembly.Location)!, app);
            var port = RealServer.FreePort();
            var settingsPath = Path.Combine(app, "appsettings.json");
            var settings = JsonNode.Parse(await File.ReadAllTextAsync(settingsPath))!.AsObject();
            settings["Urls"] = $"http://127.0.0.1:{port}";
            settings["Ekuiper"]!["MaxRequestBodyBytes"] = 4096;
            await File.WriteAllTextAsync(settingsPath, settings.ToJsonString());

            // From "/", with no --urls: only the appsettings.json in the application's folder says where to listen.
            await using var server = await RealServer.StartInstalledAsync(Path.Combine(app, "Ekuiper.Api.dll"), "/", port, data);

            using var big = await server.Client.PostAsync("/data/import",
                new StringContent(JsonSerializer.Serialize(new { content = new string(' ', 5000) }), Encoding.UTF8, "application/json"));
            Assert.That((int)big.StatusCode, Is.EqualTo(413), await big.Content.ReadAsStringAsync());
            using var ready = await server.Client.GetAsync("/readyz");
            Assert.That((int)ready.StatusCode, Is.EqualTo(200), await ready.Content.ReadAsStringAsync());
        }
        finally
        {
            RealServer.DeleteDirectory(app);
            RealServer.DeleteDirectory(data);
        }
    }

    [Test]
    public async Task One_setting_turns_the_console_log_into_json_lines()
    {
        var data = RealServer.NewDataDirectory();
        try
        {
            await using var server = await RealServer.StartAsync(data, new Dictionary<string, string>
            {
                ["Logging__Console__FormatterName"] = "json",
                ["Logging__LogLevel__Default"] = "Information",
            });
            using var streams = await server.Client.GetAsync("/streams");
            Assert.That((int)streams.StatusCode, Is.EqualTo(200));

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            JsonElement? request = null;
            while (request is null && DateTime.UtcNow < deadline)
            {
                // Every line the server wrote is one JSON object.
                var lines = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                Assert.That(lines, Is.Not.Empty);
                var entries = lines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
                request = entries.Where(e => e.GetProperty("Category").GetString() == "Ekuiper.Requests"
                                             && e.GetProperty("Message").GetString()!.StartsWith("GET /streams ", StringComparison.Ordinal))
                    .Select(e => (JsonElement?)e).FirstOrDefault();
                await Task.Delay(100);
            }
            Assert.That(request, Is.Not.Null, server.Output);
            Assert.That(request!.Value.GetProperty("LogLevel").GetString(), Is.EqualTo("Information"));
            Assert.That(request.Value.GetProperty("Message").GetString(), Does.Match(@"^GET /streams 200 [\d.]+ ms$"));
            Assert.That(request.Value.GetProperty("State").GetProperty("StatusCode").GetInt32(), Is.EqualTo(200));
        }
        finally
        {
            RealServer.DeleteDirectory(data);
        }
    }

    [Test]
    public async Task Under_systemd_the_server_notifies_ready_and_stopping_and_keeps_the_json_log_asked_for()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("systemd is Linux's");
        }
        var data = RealServer.NewDataDirectory();
        var socketPath = data + "-notify.sock";
        try
        {
            // systemd's notification socket (Type=notify): one datagram per state change.
            using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            notify.Bind(new UnixDomainSocketEndPoint(socketPath));
            await using var server = await RealServer.StartUnderSystemdAsync(data, socketPath, new Dictionary<string, string>
            {
                ["Logging__Console__FormatterName"] = "json",
                ["Logging__LogLevel__Default"] = "Information",
            });

            Assert.That(await ReceiveAsync(notify), Does.Contain("READY=1"));
            using (var streams = await server.Client.GetAsync("/streams"))
            {
                Assert.That((int)streams.StatusCode, Is.EqualTo(200));
            }

            // systemctl stop: SIGTERM to the server.
            Process.Start("kill", ["-TERM", server.ChildProcessId.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
            Assert.That(await ReceiveAsync(notify), Does.Contain("STOPPING=1"));
            Assert.That(await server.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.EqualTo(0), server.Output);
            // The journald format UseSystemd picks does not override the formatter the settings name.
            var lines = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.That(lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("Message").GetString()),
                Has.Some.Match(@"^GET /streams 200 [\d.]+ ms$"), server.Output);
        }
        finally
        {
            File.Delete(socketPath);
            RealServer.DeleteDirectory(data + "-systemd");
            RealServer.DeleteDirectory(data);
        }
    }

    private static async Task<string> ReceiveAsync(Socket socket)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, received);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
