using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Infrastructure.Artifacts;
using Ekuiper.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>
/// The bytes of installed artifacts live in the store: restores need none of the original URLs, an identical
/// re-import changes nothing, posted uploads and deleted files come back, and rules are checked against the store.
/// </summary>
public sealed class ArtifactStoreTests : ServerTest
{
    private const string Demo = "CREATE STREAM demo () WITH (DATASOURCE=\"demo\")";
    private const string RuleCallingRevert = """{"id":"r1","sql":"SELECT revert(a) FROM demo","actions":[{"log":{}}]}""";
    private static readonly string OtherDocument = EkuiperClient.Document(("streams", "other", "CREATE STREAM other () WITH (DATASOURCE=\"other\")"));

    [Test]
    public async Task A_restore_installs_plugins_services_schemas_and_uploads_again_after_their_http_server_is_gone()
    {
        string document;
        await using (var server = await LoopbackFileServer.StartAsync())
        {
            document = EkuiperClient.Document(
                ("streams", "demo", Demo),
                ("rules", "r1", RuleCallingRevert),
                ("portablePlugins", "mirror", Package("mirror", server.Serve("/mirror.zip", PackageZips.PortablePlugin("mirror", ["revert"])))),
                ("Service", "books", Package("books", server.Serve("/books.zip", PackageZips.Service("books")))),
                ("Schema", "protobuf_book", Package("book", server.Serve("/book.proto", Encoding.UTF8.GetBytes(PackageZips.BookProto)))),
                ("uploads", "cfg.txt", Package("cfg.txt", server.Serve("/cfg.txt", Encoding.UTF8.GetBytes("answer: 42\n")))));
            var (status, body) = await Client.ImportAsync(document).ReadAsync();
            Assert.That(status, Is.EqualTo(200), body.ToString());
        }
        var earlier = await Client.ExportAsync();
        var installed = InstalledFiles(Factory.DataDirectory);
        Assert.That(installed.Keys, Is.EqualTo(new[]
        {
            "plugins/portable/mirror/bin/mirror", "plugins/portable/mirror/mirror.json", "schemas/protobuf/book.proto",
            "services/books/books.json", "services/books/schemas/book.proto", "uploads/cfg.txt",
        }));
        Assert.That((int)(await Client.ImportAsync(OtherDocument)).StatusCode, Is.EqualTo(200));
        Assert.That(InstalledFiles(Factory.DataDirectory), Is.Empty, "the full import removed them");
        var backup = (await Client.BackupsAsync())[0].GetProperty("id").GetString()!;

        using var restore = await Client.RestoreAsync(backup);

        Assert.That((int)restore.StatusCode, Is.EqualTo(200), await restore.Content.ReadAsStringAsync());
        Assert.That(await Client.ExportAsync(), Is.EqualTo(earlier));
        Assert.That(InstalledFiles(Factory.DataDirectory), Is.EqualTo(installed));
        var (_, status2) = await Client.GetAsync("/data/import/status").ReadAsync();
        Assert.That(status2.EnumerateObject().All(s => !s.Value.EnumerateObject().Any()), Is.True, status2.ToString());
    }

    [Test]
    public async Task An_identical_reimport_of_installed_artifacts_keeps_the_etag_and_stores_the_bytes_once()
    {
        var document = EkuiperClient.Document(
            ("portablePlugins", "mirror", Package("mirror", WriteFixture("mirror.zip", PackageZips.PortablePlugin("mirror", ["revert"])))),
            ("Schema", "protobuf_book", JsonSerializer.Serialize(new { name = "book", content = PackageZips.BookProto })));
        Assert.That((int)(await Client.ImportAsync(document)).StatusCode, Is.EqualTo(200));
        var etag = await Client.ETagAsync();

        using var full = await Client.ImportAsync(document);
        var afterFull = await Client.ETagAsync();
        using var partial = await Client.ImportAsync(document, "?partial=1");

        Assert.That(((int)full.StatusCode, (int)partial.StatusCode), Is.EqualTo((200, 200)));
        Assert.That((afterFull, await Client.ETagAsync()), Is.EqualTo((etag, etag)));
        Assert.That(await BlobCountAsync(Factory), Is.EqualTo(2));
    }

    [Test]
    public async Task Rules_are_checked_against_the_functions_the_store_records_not_the_files_on_disk()
    {
        var uri = WriteFixture("mirror.zip", PackageZips.PortablePlugin("mirror", ["revert"]));
        var document = EkuiperClient.Document(("streams", "demo", Demo), ("portablePlugins", "mirror", Package("mirror", uri)));
        Assert.That((int)(await Client.ImportAsync(document)).StatusCode, Is.EqualTo(200));
        Directory.Delete(Path.Combine(Factory.DataDirectory, "plugins"), recursive: true);

        var (status, text) = await Client.SendTextAsync(HttpMethod.Post, "/rules/validate", RuleCallingRevert).ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((200, """{"sources":["demo"],"valid":true}""")));
    }

    [Test]
    public async Task Artifacts_removed_with_the_backups_that_held_them_leave_no_bytes_behind()
    {
        using var factory = new EkuiperApiFactory(settings: new Dictionary<string, string?> { ["Ekuiper:Backups:Keep"] = "1" });
        using var client = factory.CreateClient();
        var uri = new Uri(Path.Combine(factory.DataDirectory, "import", "mirror.zip")).AbsoluteUri;
        Directory.CreateDirectory(Path.Combine(factory.DataDirectory, "import"));
        await File.WriteAllBytesAsync(new Uri(uri).LocalPath, PackageZips.PortablePlugin("mirror", ["revert"]));
        Assert.That((int)(await client.ImportAsync(EkuiperClient.Document(("portablePlugins", "mirror", Package("mirror", uri))))).StatusCode,
            Is.EqualTo(200));

        Assert.That((int)(await client.ImportAsync(OtherDocument)).StatusCode, Is.EqualTo(200));
        Assert.That(await BlobCountAsync(factory), Is.EqualTo(1), "the backup before the import still holds the plugin");
        Assert.That((int)(await client.ImportAsync(EkuiperClient.Document(("streams", "third", "CREATE STREAM third () WITH (DATASOURCE=\"t\")")))).StatusCode,
            Is.EqualTo(200));
        Assert.That(await BlobCountAsync(factory), Is.EqualTo(0), "the one backup kept holds no plugin any more");
    }

    [Test]
    public async Task A_posted_upload_is_kept_in_the_store_comes_back_after_a_restart_without_its_file_and_goes_with_its_delete()
    {
        var directory = EkuiperApiFactory.NewDataDirectory();
        try
        {
            var bytes = new byte[] { 0x47, 0x49, 0x46, 0, 255 };
            using (var first = new EkuiperApiFactory(directory))
            using (var client = first.CreateClient())
            {
                using var form = new MultipartFormDataContent();
                form.Add(new ByteArrayContent(bytes), "uploadFile", "image.gif");
                var etag = await client.ETagAsync();
                Assert.That((await client.PostAsync("/config/uploads", form).ReadTextAsync()).Status, Is.EqualTo(201));
                Assert.That(await client.ETagAsync(), Is.EqualTo(etag), "not a definition: the export is unchanged");
                Assert.That(await BlobCountAsync(first), Is.EqualTo(1));
            }
            File.Delete(Path.Combine(directory, "uploads", "image.gif"));

            using var second = new EkuiperApiFactory(directory);
            using var restarted = second.CreateClient();
            var path = Path.Combine(directory, "uploads", "image.gif");
            // The first request waits for the start's install (decision 90), so the file is back by its answer.
            Assert.That(await restarted.GetNamesAsync("/config/uploads"), Is.EqualTo(new[] { path }));
            Assert.That(await File.ReadAllBytesAsync(path), Is.EqualTo(bytes));
            Assert.That((await restarted.ExportSectionsAsync()).GetValueOrDefault("uploads"), Is.Null.Or.Empty);

            Assert.That((await restarted.DeleteAsync("/config/uploads/image.gif").ReadTextAsync()).Status, Is.EqualTo(200));
            Assert.That(File.Exists(path), Is.False);
            Assert.That(await BlobCountAsync(second), Is.EqualTo(0));
            Assert.That(await restarted.GetNamesAsync("/config/uploads"), Is.Empty);
        }
        finally
        {
            EkuiperApiFactory.DeleteDirectory(directory);
        }
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Installed_files_deleted_from_the_data_directory_are_installed_again_at_start()
    {
        var directory = EkuiperApiFactory.NewDataDirectory();
        var fixtures = directory + "-fixtures";
        try
        {
            Directory.CreateDirectory(fixtures);
            var zip = Path.Combine(fixtures, "mirror.zip");
            await File.WriteAllBytesAsync(zip, PackageZips.PortablePlugin("mirror", ["revert"]));
            SortedDictionary<string, string> installed;
            using (var first = new EkuiperApiFactory(directory))
            using (var client = first.CreateClient())
            {
                var document = EkuiperClient.Document(
                    ("portablePlugins", "mirror", Package("mirror", new Uri(zip).AbsoluteUri)),
                    ("Schema", "protobuf_book", JsonSerializer.Serialize(new { name = "book", content = PackageZips.BookProto })));
                Assert.That((int)(await client.ImportAsync(document)).StatusCode, Is.EqualTo(200));
                installed = InstalledFiles(directory);
            }
            File.Delete(zip);
            Directory.Delete(Path.Combine(directory, "plugins"), recursive: true);
            File.Delete(Path.Combine(directory, "schemas", "protobuf", "book.proto"));

            using (var second = new EkuiperApiFactory(directory))
            using (var restarted = second.CreateClient())
            {
                await StartedAsync(restarted);
                Assert.That(InstalledFiles(directory), Is.EqualTo(installed));
                Assert.That(File.GetUnixFileMode(Path.Combine(directory, "plugins/portable/mirror/bin/mirror")) & UnixFileMode.UserExecute,
                    Is.EqualTo(UnixFileMode.UserExecute));
            }
            // Without the node's record of what it installed, too.
            Directory.Delete(Path.Combine(directory, "plugins"), recursive: true);
            File.Delete(Path.Combine(directory, ArtifactManifest.FileName));

            using var third = new EkuiperApiFactory(directory);
            using var client3 = third.CreateClient();
            await StartedAsync(client3);
            Assert.That(InstalledFiles(directory), Is.EqualTo(installed));
        }
        finally
        {
            EkuiperApiFactory.DeleteDirectory(directory);
            EkuiperApiFactory.DeleteDirectory(fixtures);
        }
    }

    /// <summary>
    /// Sends a request the start holds back (decision 90: the install runs after the server listens), so the
    /// store's artifacts are on disk once it is answered — as they are for any client's first request.
    /// </summary>
    private static async Task StartedAsync(HttpClient client) =>
        Assert.That((int)(await client.GetAsync("/config/uploads")).StatusCode, Is.EqualTo(200));

    private static string Package(string name, string file) => JsonSerializer.Serialize(new { name, file });

    private static async Task<int> BlobCountAsync(EkuiperApiFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IEkuiperDbContext>().ArtifactBlobs.CountAsync();
    }

    /// <summary>Every installed file under the data directory, relative path → SHA-256.</summary>
    private static SortedDictionary<string, string> InstalledFiles(string dataDirectory) => new(
        ArtifactLayout.Roots
            .Select(root => Path.Combine(dataDirectory, root))
            .Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            .ToDictionary(
                path => Path.GetRelativePath(dataDirectory, path).Replace(Path.DirectorySeparatorChar, '/'),
                path => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))),
        StringComparer.Ordinal);
}
