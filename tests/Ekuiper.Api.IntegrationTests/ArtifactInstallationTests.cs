using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>Plugins, services, schemas, uploads and scripts are really installed by an import, and removed with it.</summary>
public sealed class ArtifactInstallationTests : ServerTest
{
    [Test]
    public async Task Seed_example_reports_its_unreachable_plugins_in_the_status_and_compiles_its_script()
    {
        await Client.ImportContentAsync(EkuiperClient.SeedExample);

        var (code, status) = await Client.GetAsync("/data/import/status").ReadAsync();

        Assert.That(code, Is.EqualTo(200));
        Assert.That(status.GetProperty("nativePlugins").EnumerateObject().Select(p => p.Name),
            Is.EquivalentTo(new[] { "functions_image", "sources_video" }));
        Assert.That(status.GetProperty("nativePlugins").GetProperty("sources_video").GetString(),
            Does.StartWith("fail to download file https://packages.emqx.net/kuiper-plugins/1.8.1/debian/sources/video_amd64.zip: "));
        Assert.That(status.EnumerateObject().Where(s => s.Name != "nativePlugins").All(s => !s.Value.EnumerateObject().Any()), Is.True);
        Assert.That(await DeclaredFunctionsAsync(), Does.Contain(("area", ArtifactKind.Script)));
        Assert.That(Directory.Exists(DataPath("plugins/native")), Is.False);
    }

    [Test]
    public async Task Function_plugin_from_a_file_uri_is_installed_with_its_sha256_and_its_functions()
    {
        var zip = PackageZips.NativePlugin("functions", "echo", "echo", "echoTwice");
        var uri = WriteFixture("echo.zip", zip);

        var (status, body) = await ImportAsync(("nativePlugins", "functions_echo", Plugin("echo", uri)));

        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That(File.ReadAllText(DataPath("plugins/native/functions/echo/echo.so")), Is.EqualTo("ELF pretend library of echo"));
        var stored = (await StoredArtifactsAsync()).Single();
        // The row names the bundle the store keeps: exactly the files installed, under their paths.
        Assert.That(await StoredBundleFilesAsync(stored.Sha256!), Is.EqualTo(InstalledFiles(Factory.DataDirectory)));
        Assert.That(stored.InstalledPath, Is.EqualTo("plugins/native/functions/echo"));
        Assert.That(await DeclaredFunctionsAsync(), Is.EquivalentTo(new[]
        {
            ("echo", ArtifactKind.NativePlugin), ("echotwice", ArtifactKind.NativePlugin),
        }));
    }

    [Test]
    public async Task Functions_declared_in_the_entry_are_the_ones_the_plugin_provides()
    {
        var uri = WriteFixture("echo.zip", PackageZips.NativePlugin("functions", "echo", "fromMetadata"));
        var entry = JsonSerializer.Serialize(new { name = "echo", file = uri, shellParas = Array.Empty<string>(), functions = new[] { "shout", "whisper" } });

        var (status, _) = await ImportAsync(("nativePlugins", "functions_echo", entry));

        Assert.That(status, Is.EqualTo(200));
        Assert.That((await DeclaredFunctionsAsync()).Select(f => f.Name), Is.EquivalentTo(new[] { "shout", "whisper" }));
    }

    [Test]
    public async Task Source_plugin_served_over_http_on_loopback_is_installed()
    {
        await using var server = await LoopbackFileServer.StartAsync();
        var url = server.Serve("/plugins/random.zip", PackageZips.NativePlugin("sources", "random"));

        var (status, body) = await ImportAsync(("nativePlugins", "sources_random", Plugin("random", url)));

        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That(url, Does.StartWith("http://127.0.0.1:"));
        Assert.That(File.Exists(DataPath("plugins/native/sources/random/random.so")), Is.True);
        Assert.That(File.ReadAllText(DataPath("plugins/native/sources/random/random.yaml")), Does.Contain("interval"));
    }

    [Test]
    public async Task An_http_url_that_answers_404_is_reported_as_eKuiper_reports_it()
    {
        await using var server = await LoopbackFileServer.StartAsync();
        var url = server.BaseAddress + "/plugins/missing.zip";

        var (status, body) = await ImportAsync(("nativePlugins", "sinks_missing", Plugin("missing", url)));

        Assert.That(status, Is.EqualTo(400));
        Assert.That(Report(body)["nativePlugins"]["sinks_missing"],
            Is.EqualTo($"fail to download file {url}: cannot download the file with status: 404 Not Found"));
    }

    [Test]
    public async Task A_plugin_file_that_does_not_exist_is_reported_in_eKuipers_words()
    {
        var path = Path.Combine(FixtureDirectory, "tdengine_amd64.zip");
        var uri = new Uri(path).AbsoluteUri;

        var (_, body) = await ImportAsync(("nativePlugins", "sinks_tdengine", Plugin("tdengine", uri)));

        Assert.That(Report(body)["nativePlugins"]["sinks_tdengine"],
            Is.EqualTo($"fail to download file {uri}: stat {path}: no such file or directory"));
    }

    [Test]
    public async Task A_plugin_file_that_is_not_a_zip_is_refused_and_nothing_is_installed()
    {
        var uri = WriteFixture("echo.zip", Encoding.UTF8.GetBytes("this is not a zip"));

        var (status, body) = await ImportAsync(("nativePlugins", "functions_echo", Plugin("echo", uri)));

        Assert.That(status, Is.EqualTo(400));
        Assert.That(Report(body)["nativePlugins"]["functions_echo"], Is.EqualTo("fail to install plugin: zip: not a valid zip file"));
        Assert.That((await Client.ExportSectionsAsync())["nativePlugins"], Is.Empty);
        Assert.That(Directory.Exists(DataPath("plugins")), Is.False);
    }

    [Test]
    public async Task A_zip_without_the_plugin_library_is_refused()
    {
        var uri = WriteFixture("echo.zip", PackageZips.Zip(("readme.txt", "no library here")));

        var (_, body) = await ImportAsync(("nativePlugins", "functions_echo", Plugin("echo", uri)));

        Assert.That(Report(body)["nativePlugins"]["functions_echo"], Is.EqualTo(
            "fail to install plugin: invalid zip file: no plugin library: expected echo.so, Echo.so or echo@<version>.so at the top of the zip"));
    }

    [Test]
    public async Task A_source_plugin_zip_without_its_configuration_is_refused()
    {
        var uri = WriteFixture("random.zip", PackageZips.Zip(("Random@v1.2.so", "library")));

        var (_, body) = await ImportAsync(("nativePlugins", "sources_random", Plugin("random", uri)));

        Assert.That(Report(body)["nativePlugins"]["sources_random"], Is.EqualTo(
            "fail to install plugin: invalid zip file: a source plugin needs its configuration file random.yaml at the top of the zip"));
    }

    [Test]
    public async Task A_zip_entry_that_climbs_out_of_its_folder_is_refused_and_nothing_is_written_outside()
    {
        var escapee = $"escaped-{Guid.NewGuid():N}.txt";
        var uri = WriteFixture("echo.zip", PackageZips.Zip(("echo.so", "library"), ("../../../../" + escapee, "gotcha")));

        var (status, body) = await ImportAsync(("nativePlugins", "functions_echo", Plugin("echo", uri)));

        Assert.That(status, Is.EqualTo(400));
        Assert.That(Report(body)["nativePlugins"]["functions_echo"], Does.StartWith(
            "fail to install plugin: invalid zip file: unsafe entry ../../../../" + escapee));
        var landing = DataPath("plugins/native/functions/echo");
        for (var up = 0; up <= 5; up++)
        {
            landing = Path.GetDirectoryName(landing)!;
            Assert.That(File.Exists(Path.Combine(landing, escapee)), Is.False, landing);
        }
    }

    [Test]
    public async Task Portable_plugin_is_installed_with_an_executable_program_and_its_functions()
    {
        var uri = WriteFixture("mirror.zip", PackageZips.PortablePlugin("mirror", ["revert", "mirror"], sources: ["pyjson"]));

        var (status, body) = await ImportAsync(("portablePlugins", "mirror", Package("mirror", uri)));

        Assert.That(status, Is.EqualTo(200), body.ToString());
        var executable = DataPath("plugins/portable/mirror/bin/mirror");
        Assert.That(File.Exists(DataPath("plugins/portable/mirror/sources/pyjson.yaml")), Is.True);
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(executable) & UnixFileMode.UserExecute, Is.EqualTo(UnixFileMode.UserExecute));
        }
        Assert.That((await DeclaredFunctionsAsync()).Select(f => f.Name), Is.EquivalentTo(new[] { "mirror", "revert" }));
    }

    [Test]
    public async Task Portable_plugin_whose_manifest_names_another_plugin_is_refused()
    {
        var uri = WriteFixture("mirror.zip", PackageZips.PortablePlugin("mirror", ["revert"], manifestName: "other"));

        var (_, body) = await ImportAsync(("portablePlugins", "mirror", Package("mirror", uri)));

        Assert.That(Report(body)["portablePlugins"]["mirror"], Is.EqualTo(
            "fail to install plugin: invalid plugin, expect name 'mirror' but got 'other'"));
    }

    [Test]
    public async Task Portable_plugin_whose_manifest_has_no_name_takes_the_entry_s_name()
    {
        var manifest = """{"version":"v1.0.0","language":"go","executable":"bin/mirror","sources":[],"sinks":[],"functions":["revert"]}""";
        var uri = WriteFixture("mirror.zip", PackageZips.Zip(
            ("mirror.json", manifest, 0), ("bin/mirror", "#!/bin/sh\necho plugin\n", PackageZips.Executable)));

        var (status, body) = await ImportAsync(("portablePlugins", "mirror", Package("mirror", uri)));

        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That((await DeclaredFunctionsAsync()).Select(f => f.Name), Is.EquivalentTo(new[] { "revert" }));
    }

    [Test]
    public async Task Service_is_unpacked_and_its_rpcs_become_functions()
    {
        var uri = WriteFixture("books.zip", PackageZips.Service("books"));

        var (status, body) = await ImportAsync(("Service", "books", Package("books", uri)));

        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That(File.ReadAllText(DataPath("services/books/schemas/book.proto")), Is.EqualTo(PackageZips.BookProto));
        Assert.That(await DeclaredFunctionsAsync(), Is.EquivalentTo(new[]
        {
            ("getbook", ArtifactKind.Service), ("listbooks", ArtifactKind.Service),
        }));
    }

    [Test]
    public async Task Service_whose_descriptor_maps_an_rpc_its_schema_lacks_is_refused()
    {
        var uri = WriteFixture("books.zip", PackageZips.Service("books", "[{\"name\":\"sell\",\"serviceName\":\"SellBook\"}]"));

        var (_, body) = await ImportAsync(("Service", "books", Package("books", uri)));

        Assert.That(Report(body)["Service"]["books"], Is.EqualTo(
            "fail to install service: parse services file books.json failed: interface shelf: function sell maps to rpc SellBook, which book.proto does not define"));
        Assert.That(Directory.Exists(DataPath("services/books")), Is.False);
    }

    [Test]
    public async Task Protobuf_schema_given_as_content_is_stored_as_a_proto_file()
    {
        var entry = JsonSerializer.Serialize(new { name = "book", content = PackageZips.BookProto });

        var (status, body) = await ImportAsync(("Schema", "protobuf_book", entry));

        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That(File.ReadAllText(DataPath("schemas/protobuf/book.proto")), Is.EqualTo(PackageZips.BookProto));
        Assert.That(await StoredBundleFilesAsync((await StoredArtifactsAsync()).Single().Sha256!), Is.EqualTo(new Dictionary<string, string>
        {
            ["schemas/protobuf/book.proto"] = PackageZips.Sha256(Encoding.UTF8.GetBytes(PackageZips.BookProto)),
        }));
    }

    [Test]
    public async Task Protobuf_schema_given_by_file_uri_is_stored_as_a_proto_file()
    {
        var uri = WriteFixture("book.proto", Encoding.UTF8.GetBytes(PackageZips.BookProto));

        var (status, _) = await ImportAsync(("Schema", "protobuf_book", JsonSerializer.Serialize(new { name = "book", file = uri })));

        Assert.That(status, Is.EqualTo(200));
        Assert.That(File.ReadAllText(DataPath("schemas/protobuf/book.proto")), Is.EqualTo(PackageZips.BookProto));
    }

    [Test]
    public async Task Protobuf_schema_with_an_unclosed_message_is_refused_with_its_line()
    {
        const string broken = "syntax = \"proto3\";\n\nmessage Book {\n  string title = 1;\n";

        var (status, body) = await ImportAsync(("Schema", "protobuf_book", JsonSerializer.Serialize(new { name = "book", content = broken })));

        Assert.That(status, Is.EqualTo(400));
        Assert.That(Report(body)["Schema"]["protobuf_book"], Is.EqualTo(
            "fail to install schema: invalid protobuf file book.proto: line 3: message Book is never closed: expected \"}\""));
        Assert.That(File.Exists(DataPath("schemas/protobuf/book.proto")), Is.False);
    }

    [Test]
    public async Task Uploads_are_written_to_the_uploads_directory()
    {
        var uri = WriteFixture("model.bin", [1, 2, 3, 250]);

        var (status, body) = await ImportAsync(
            ("uploads", "notes.txt", JsonSerializer.Serialize(new { name = "notes.txt", content = "hello" })),
            ("uploads", "model.bin", JsonSerializer.Serialize(new { name = "model.bin", file = uri })));

        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That(File.ReadAllText(DataPath("uploads/notes.txt")), Is.EqualTo("hello"));
        Assert.That(File.ReadAllBytes(DataPath("uploads/model.bin")), Is.EqualTo(new byte[] { 1, 2, 3, 250 }));
    }

    [TestCase("../../etc/x")]
    [TestCase("a/../../x")]
    [TestCase("a/./x")]
    [TestCase("a//x")]
    [TestCase("a\\x")]
    [TestCase("c:x")]
    [TestCase("..")]
    public async Task Upload_names_that_leave_the_uploads_directory_are_refused_and_nothing_is_written(string name)
    {
        var (status, body) = await ImportAsync(("uploads", name, JsonSerializer.Serialize(new { name, content = "gotcha" })));

        Assert.That(status, Is.EqualTo(400));
        Assert.That(Report(body)["uploads"][name], Is.EqualTo(
            $"invalid upload name {name}: must be a path under the uploads folder, of '/'-separated names without '..', '\\', ':' or control characters"));
        Assert.That(Directory.Exists(DataPath("uploads")), Is.False);
        Assert.That(File.Exists(Path.GetFullPath(Path.Combine(DataPath("uploads"), name))), Is.False);
    }

    [TestCase("function area(x, y { return x * y; }", "failed to interprete script: SyntaxError: Unexpected token '{' at line 1, column 20")]
    [TestCase("function areas(x, y) { return x * y; }", "cannot find function \"area\" in script")]
    [TestCase("var area = 5;", "cannot find function \"area\" in script")]
    [TestCase("throw new Error('no area today');", "failed to interprete script: Error: no area today")]
    public async Task Scripts_that_do_not_compile_or_lack_their_function_are_refused(string script, string expected)
    {
        var entry = JsonSerializer.Serialize(new { id = "area", description = "", script, isAgg = false });

        var (status, body) = await ImportAsync(("scripts", "area", entry));

        Assert.That(status, Is.EqualTo(400));
        Assert.That(Report(body)["scripts"]["area"], Is.EqualTo(expected));
        Assert.That((await Client.ExportSectionsAsync())["scripts"], Is.Empty);
    }

    [Test]
    public async Task Full_import_removes_the_artifacts_it_no_longer_holds_from_disk()
    {
        var echo = WriteFixture("echo.zip", PackageZips.NativePlugin("functions", "echo"));
        var books = WriteFixture("books.zip", PackageZips.Service("books"));
        await ImportAsync(
            ("nativePlugins", "functions_echo", Plugin("echo", echo)),
            ("Service", "books", Package("books", books)),
            ("uploads", "a.txt", JsonSerializer.Serialize(new { name = "a.txt", content = "a" })));

        var (status, body) = await ImportAsync(("uploads", "b.txt", JsonSerializer.Serialize(new { name = "b.txt", content = "b" })));

        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That(Directory.Exists(DataPath("plugins/native/functions/echo")), Is.False);
        Assert.That(Directory.Exists(DataPath("services/books")), Is.False);
        Assert.That(File.Exists(DataPath("uploads/a.txt")), Is.False);
        Assert.That(File.ReadAllText(DataPath("uploads/b.txt")), Is.EqualTo("b"));
        Assert.That(Directory.Exists(DataPath(".staging")) && Directory.EnumerateFileSystemEntries(DataPath(".staging")).Any(), Is.False);
    }

    [Test]
    public async Task Partial_import_leaves_an_installed_plugin_as_it_is_and_a_full_import_reinstalls_it()
    {
        var first = PackageZips.NativePlugin("functions", "echo");
        var uri = WriteFixture("echo.zip", first);
        var path = new Uri(uri).LocalPath;
        var entry = ("nativePlugins", "functions_echo", Plugin("echo", uri));
        await ImportAsync(entry);
        var second = PackageZips.NativePlugin("functions", "echo", "echo", "echoTwice");
        await File.WriteAllBytesAsync(path, second);

        var firstBundle = (await StoredArtifactsAsync()).Single().Sha256;

        var (status, _) = await ImportAsync("?partial=1", entry);

        Assert.That(status, Is.EqualTo(200));
        Assert.That((await StoredArtifactsAsync()).Single().Sha256, Is.EqualTo(firstBundle));
        Assert.That(File.Exists(DataPath("plugins/native/functions/echo/echo.json")), Is.False);

        await ImportAsync(entry);
        var secondBundle = (await StoredArtifactsAsync()).Single().Sha256!;
        Assert.That(secondBundle, Is.Not.EqualTo(firstBundle));
        Assert.That((await StoredBundleFilesAsync(secondBundle)).Keys, Does.Contain("plugins/native/functions/echo/echo.json"));
        Assert.That(File.Exists(DataPath("plugins/native/functions/echo/echo.json")), Is.True);
    }

    [Test]
    public async Task A_failed_reinstall_in_a_partial_import_keeps_the_installed_upload()
    {
        var uri = WriteFixture("a.txt", Encoding.UTF8.GetBytes("first"));
        await ImportAsync(("uploads", "a.txt", JsonSerializer.Serialize(new { name = "a.txt", file = uri })));
        File.Delete(new Uri(uri).LocalPath);

        var (status, body) = await ImportAsync("?partial=1", ("uploads", "a.txt", JsonSerializer.Serialize(new { name = "a.txt", file = uri })));

        Assert.That(status, Is.EqualTo(400));
        Assert.That(Report(body)["uploads"]["a.txt"], Does.StartWith($"fail to download file {uri}: stat "));
        Assert.That(File.ReadAllText(DataPath("uploads/a.txt")), Is.EqualTo("first"));
        Assert.That((await Client.ExportSectionsAsync())["uploads"].Keys, Is.EquivalentTo(new[] { "a.txt" }));
    }

    [Test]
    public async Task Export_imported_into_a_fresh_server_installs_the_same_artifacts_with_the_same_sha256()
    {
        await using var server = await LoopbackFileServer.StartAsync();
        var (status, body) = await ImportAsync(
            ("nativePlugins", "functions_echo", Plugin("echo", WriteFixture("echo.zip", PackageZips.NativePlugin("functions", "echo", "echo")))),
            ("nativePlugins", "sources_random", Plugin("random", server.Serve("/random.zip", PackageZips.NativePlugin("sources", "random")))),
            ("portablePlugins", "mirror", Package("mirror", WriteFixture("mirror.zip", PackageZips.PortablePlugin("mirror", ["revert"])))),
            ("Service", "books", Package("books", WriteFixture("books.zip", PackageZips.Service("books")))),
            ("Schema", "protobuf_book", JsonSerializer.Serialize(new { name = "book", content = PackageZips.BookProto })),
            ("uploads", "notes.txt", JsonSerializer.Serialize(new { name = "notes.txt", content = "hello" })),
            ("uploads", "model.bin", JsonSerializer.Serialize(new { name = "model.bin", file = WriteFixture("model.bin", [7, 8, 9]) })),
            ("scripts", "area", JsonSerializer.Serialize(new { id = "area", description = "", script = "function area(x, y) { return x * y; }", isAgg = false })));
        Assert.That(status, Is.EqualTo(200), body.ToString());
        var export = await Client.ExportAsync();

        using var fresh = new EkuiperApiFactory();
        using var freshClient = fresh.CreateClient();
        var (freshStatus, freshBody) = await freshClient.ImportContentAsync(export).ReadAsync();

        Assert.That(freshStatus, Is.EqualTo(200), freshBody.ToString());
        Assert.That(await freshClient.ExportAsync(), Is.EqualTo(export));
        var installed = InstalledFiles(Factory.DataDirectory);
        Assert.That(installed.Keys, Has.Member("plugins/native/sources/random/random.so"));
        Assert.That(installed, Has.Count.EqualTo(11));
        Assert.That(InstalledFiles(fresh.DataDirectory), Is.EqualTo(installed));
        Assert.That(await StoredArtifactsAsync(fresh), Is.EqualTo(await StoredArtifactsAsync()));
    }

    private async Task<(int Status, JsonElement Body)> ImportAsync(params (string Section, string Key, string Value)[] entries) =>
        await ImportAsync(string.Empty, entries);

    private async Task<(int Status, JsonElement Body)> ImportAsync(string query, params (string Section, string Key, string Value)[] entries) =>
        await Client.ImportContentAsync(EkuiperClient.Document(entries), query).ReadAsync();

    private static Dictionary<string, Dictionary<string, string>> Report(JsonElement body) =>
        JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(body.GetProperty("message").GetString()!)!;

    private static string Plugin(string name, string file) =>
        JsonSerializer.Serialize(new { name, file, shellParas = Array.Empty<string>() });

    private static string Package(string name, string file) => JsonSerializer.Serialize(new { name, file });

    private string DataPath(string relative) => Path.Combine(Factory.DataDirectory, relative);

    /// <summary>Every installed file under the data directory (not the database), relative path → SHA-256.</summary>
    private static SortedDictionary<string, string> InstalledFiles(string dataDirectory) => new(
        Infrastructure.Artifacts.ArtifactLayout.Roots
            .Select(root => Path.Combine(dataDirectory, root))
            .Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            .ToDictionary(
                path => Path.GetRelativePath(dataDirectory, path).Replace(Path.DirectorySeparatorChar, '/'),
                path => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))),
        StringComparer.Ordinal);

    private Task<List<(ArtifactKind Kind, string Key, string? Sha256, string? InstalledPath)>> StoredArtifactsAsync() =>
        StoredArtifactsAsync(Factory);

    private static async Task<List<(ArtifactKind Kind, string Key, string? Sha256, string? InstalledPath)>> StoredArtifactsAsync(EkuiperApiFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IEkuiperDbContext>();
        var rows = await db.Artifacts.AsNoTracking().OrderBy(a => a.Kind).ThenBy(a => a.Key).ToListAsync();
        return rows.Select(a => (a.Kind, a.Key, a.Sha256, a.InstalledPath)).ToList();
    }

    /// <summary>The files of the bundle the store keeps under <paramref name="sha256"/> (which it must hash to), path → SHA-256.</summary>
    private async Task<Dictionary<string, string>> StoredBundleFilesAsync(string sha256)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IEkuiperDbContext>();
        var blob = await db.ArtifactBlobs.AsNoTracking().SingleAsync(b => b.Sha256 == sha256);
        Assert.That(PackageZips.Sha256(blob.Content), Is.EqualTo(sha256));
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(blob.Content));
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        });
    }

    private async Task<List<(string Name, ArtifactKind Kind)>> DeclaredFunctionsAsync()
    {
        using var scope = Factory.Services.CreateScope();
        var catalogue = scope.ServiceProvider.GetRequiredService<IFunctionCatalogue>();
        return (await catalogue.ListAsync(CancellationToken.None)).Select(f => (f.Name, f.Kind)).ToList();
    }
}
