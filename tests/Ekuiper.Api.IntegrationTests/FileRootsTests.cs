using System.Net.Http.Json;
using System.Text.Json;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>
/// file:// URIs — the import body's file and the artifact URIs inside a document — only reach under the allowed roots.
/// Here the roots are configured to the data directory's import/ folder alone: the tests' other files live in the
/// temp directory, which the default roots allow.
/// </summary>
public sealed class FileRootsTests
{
    private const string Document = "{\"streams\":{\"s\":\"CREATE STREAM s () WITH (DATASOURCE=\\\"s\\\")\"}}";

    private string _data = null!;
    private string _imports = null!;
    private string _outside = null!;
    private EkuiperApiFactory _factory = null!;
    private HttpClient _client = null!;

    [SetUp]
    public void StartServer()
    {
        _data = EkuiperApiFactory.NewDataDirectory();
        _imports = Path.Combine(_data, "import");
        _outside = _data + "-outside";
        Directory.CreateDirectory(_outside);
        _factory = new EkuiperApiFactory(_data, new Dictionary<string, string?> { ["Ekuiper:FileRoots:0"] = _imports });
        _client = _factory.CreateClient();
    }

    [TearDown]
    public void StopServer()
    {
        _client.Dispose();
        _factory.Dispose();
        EkuiperApiFactory.DeleteDirectory(_data);
        EkuiperApiFactory.DeleteDirectory(_outside);
    }

    private static string Uri(string path) => new Uri(path).AbsoluteUri;

    private string OutsideMessage(string path) =>
        $"fail to download file {Uri(path)}: {path} is outside the allowed roots ({_imports}, {Path.Combine(_data, "uploads")}); put the file under one of them or configure Ekuiper:FileRoots";

    [Test]
    public async Task A_file_in_the_uploads_folder_is_readable_as_in_eKuiper_s_restricted_mode()
    {
        Directory.CreateDirectory(Path.Combine(_data, "uploads"));
        await File.WriteAllTextAsync(Path.Combine(_data, "uploads", "up.json"), Document);

        var (status, body) = await _client.ImportFileAsync(Path.Combine(_data, "uploads", "up.json")).ReadAsync();

        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That((await _client.ExportSectionsAsync())["streams"].Keys, Is.EqualTo(new[] { "s" }));
    }

    [Test]
    public async Task With_external_file_access_allowed_any_local_file_is_readable()
    {
        var outsideFile = Path.Combine(_outside, "anywhere.json");
        await File.WriteAllTextAsync(outsideFile, Document);
        using var open = new EkuiperApiFactory(_data + "-open", new Dictionary<string, string?>
        {
            ["Ekuiper:FileRoots:0"] = _imports,
            ["Ekuiper:AllowExternalFileAccess"] = "true",
        });
        using var client = open.CreateClient();
        try
        {
            var (status, body) = await client.ImportFileAsync(outsideFile).ReadAsync();

            Assert.That(status, Is.EqualTo(200), body.ToString());
            var (refused, _) = await _client.ImportFileAsync(outsideFile).ReadAsync();
            Assert.That(refused, Is.EqualTo(400), "the default stays sandboxed");
        }
        finally
        {
            client.Dispose();
            open.Dispose();
            EkuiperApiFactory.DeleteDirectory(_data + "-open");
        }
    }

    [Test]
    public async Task A_file_in_the_import_folder_is_imported()
    {
        // The server created the folder at start-up.
        await File.WriteAllTextAsync(Path.Combine(_imports, "ok.json"), Document);

        var (status, body) = await _client.ImportFileAsync(Path.Combine(_imports, "ok.json")).ReadAsync();

        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That((await _client.ExportSectionsAsync())["streams"].Keys, Is.EqualTo(new[] { "s" }));
    }

    [Test]
    public async Task A_file_outside_the_roots_is_refused_whether_named_directly_through_dot_dot_or_through_a_link()
    {
        var secret = Path.Combine(_outside, "secret.json");
        await File.WriteAllTextAsync(secret, Document);
        File.CreateSymbolicLink(Path.Combine(_imports, "link.json"), secret);
        var before = await _client.ExportAsync();

        var direct = await _client.ImportFileAsync(secret).ReadAsync();
        // new Uri(...) would normalise the "..", so the URI is written by hand as a client might send it.
        var climbing = await _client.PostAsJsonAsync("/data/import",
            new { file = "file://" + _imports + "/../../" + Path.GetFileName(_outside) + "/secret.json" }).ReadAsync();
        var linked = await _client.ImportFileAsync(Path.Combine(_imports, "link.json")).ReadAsync();

        direct.AssertError(400, OutsideMessage(secret));
        Assert.That(climbing.Status, Is.EqualTo(400));
        Assert.That(climbing.Body.GetProperty("message").GetString(), Does.Contain("is outside the allowed roots"));
        Assert.That(linked.Status, Is.EqualTo(400));
        Assert.That(linked.Body.GetProperty("message").GetString(), Does.Contain("is outside the allowed roots"));
        Assert.That(await _client.ExportAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task An_artifact_uri_outside_the_roots_is_reported_under_its_entry()
    {
        var secret = Path.Combine(_outside, "notes.txt");
        await File.WriteAllTextAsync(secret, "secret");
        var document = EkuiperClient.Document(("uploads", "notes.txt", JsonSerializer.Serialize(new { name = "notes.txt", file = Uri(secret) })));

        var (status, body) = await _client.ImportContentAsync(document, "?partial=1").ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        var report = JsonDocument.Parse(body.GetProperty("message").GetString()!).RootElement;
        Assert.That(report.GetProperty("uploads").GetProperty("notes.txt").GetString(), Does.EndWith(OutsideMessage(secret)));
        Assert.That(File.Exists(Path.Combine(_data, "uploads", "notes.txt")), Is.False);
    }
}

public sealed class DefaultFileRootsTests : ServerTest
{
    [Test]
    public async Task By_default_a_system_file_is_outside_the_roots()
    {
        Assume.That(File.Exists("/etc/hostname") || File.Exists("/etc/passwd"), "a Unix system file to point at");
        var path = File.Exists("/etc/hostname") ? "/etc/hostname" : "/etc/passwd";

        var (status, body) = await Client.ImportFileAsync(path).ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body.GetProperty("message").GetString(), Does.StartWith($"fail to download file file://{path}: {path} is outside the allowed roots ("));
    }
}
