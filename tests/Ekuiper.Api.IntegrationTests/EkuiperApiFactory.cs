using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Infrastructure.Artifacts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moq;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>
/// The real server over a real store (SQLite files, or a PostgreSQL database: <see cref="TestStore"/>) in its own
/// temporary data directory. Two factories given the same directory see the same store, which is how the tests
/// restart the server.
/// </summary>
public sealed class EkuiperApiFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsDirectory;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="services">Replaces services after the server's own registrations, e.g. a port with a Moq.</param>
    public EkuiperApiFactory(string? dataDirectory = null, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        _ownsDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? NewDataDirectory();
        _settings = settings ?? new Dictionary<string, string?>();
        _services = services;
    }

    public string DataDirectory { get; }

    /// <summary>
    /// Stands in for the real stopper in every test server: stop=1 must never stop the test host or set the test
    /// process's exit code. Tests assert on it instead.
    /// </summary>
    public Mock<IApplicationStopper> Stopper { get; } = new();

    /// <summary>What the server logged (after the host's level filters).</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>What this server's fetches resolve and connect to.</summary>
    public TestFetchNetwork Network { get; } = new();

    public static string NewDataDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "ekuiper-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Ekuiper:DataDirectory", DataDirectory);
        builder.UseSetting("Ekuiper:FetchTimeoutSeconds", "10");
        foreach (var (key, value) in TestStore.SettingsFor(DataDirectory))
        {
            builder.UseSetting(key, value);
        }
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            // Tests never leave the machine: downloads go through the server's own guard, over a network that reaches
            // loopback only (TestFetchNetwork).
            services.AddSingleton<IFetchNetwork>(Network);
            services.AddSingleton(Stopper.Object);
            services.AddSingleton<ILoggerProvider>(Logs);
            _services?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDirectory)
        {
            DeleteDirectory(DataDirectory);
        }
    }

    public static void DeleteDirectory(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestStore.ReleaseConnections();
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temp folder behind; it must not fail the test.
        }
    }
}

/// <summary>The calls the tests make, as a user of eKuiper's REST API would make them.</summary>
public static class EkuiperClient
{
    public static string SeedExample => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "seed-example.json"));

    /// <summary>The seed example less its two plugins, whose URLs cannot be reached from the tests: it imports cleanly.</summary>
    public static string SeedExampleWithoutPlugins
    {
        get
        {
            var document = JsonNode.Parse(SeedExample)!;
            document["nativePlugins"] = new JsonObject();
            return document.ToJsonString();
        }
    }

    public static Task<HttpResponseMessage> ImportContentAsync(this HttpClient client, string content, string query = "") =>
        client.PostAsJsonAsync("/data/import" + query, new { content });

    public static Task<HttpResponseMessage> ImportFileAsync(this HttpClient client, string path, string query = "") =>
        client.PostAsJsonAsync("/data/import" + query, new { file = new Uri(path).AbsoluteUri });

    public static async Task<string> ExportAsync(this HttpClient client)
    {
        var response = await client.GetAsync("/data/export");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The export parsed, as section → key → value.</summary>
    public static async Task<Dictionary<string, Dictionary<string, string>>> ExportSectionsAsync(this HttpClient client) =>
        JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(await client.ExportAsync())!;

    public static async Task<(int Status, JsonElement Body)> ReadAsync(this Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return ((int)response.StatusCode, body);
    }

    /// <summary>A document with only the sections given; the others are left out, as users often do.</summary>
    public static string Document(params (string Section, string Key, string Value)[] entries)
    {
        var sections = entries.GroupBy(e => e.Section)
            .ToDictionary(g => g.Key, g => g.ToDictionary(e => e.Key, e => e.Value));
        return JsonSerializer.Serialize(sections);
    }
}
