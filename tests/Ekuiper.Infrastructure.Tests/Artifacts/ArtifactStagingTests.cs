using System.Text;
using System.Text.Json;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Infrastructure.Artifacts;
using Ekuiper.Tests.Shared;
using Microsoft.Extensions.Options;
using Moq;

namespace Ekuiper.Infrastructure.Tests.Artifacts;

public sealed class ArtifactStagingTests
{
    private string _dataDirectory = null!;
    private Mock<IArtifactFetcher> _fetcher = null!;
    private ArtifactStore _store = null!;

    [SetUp]
    public void CreateStore()
    {
        _dataDirectory = Path.Combine(Path.GetTempPath(), "ekuiper-tests", "store-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataDirectory);
        _fetcher = new Mock<IArtifactFetcher>(MockBehavior.Strict);
        _store = new ArtifactStore(_fetcher.Object, Options.Create(new EkuiperOptions { DataDirectory = _dataDirectory, UnpackMaxBytes = 4096 }));
    }

    [TearDown]
    public void DeleteStore() => Directory.Delete(_dataDirectory, recursive: true);

    [Test]
    public async Task A_staged_plugin_is_invisible_until_promoted_and_installed_after()
    {
        var zip = PackageZips.NativePlugin("sinks", "tdengine");
        Serve("file:///p/tdengine.zip", zip);
        var plugin = Plugin("sinks_tdengine", "tdengine", "file:///p/tdengine.zip");

        byte[]? bundle;
        using (var staging = _store.Begin())
        {
            await staging.StageAsync(plugin, CancellationToken.None);
            Assert.That(Exists("plugins"), Is.False);
            bundle = staging.BundleOf(plugin.Sha256!);

            staging.Promote();
            staging.Complete();
        }

        Assert.That(File.ReadAllText(Data("plugins/native/sinks/tdengine/tdengine.so")), Is.EqualTo("ELF pretend library of tdengine"));
        Assert.That(plugin.InstalledPath, Is.EqualTo("plugins/native/sinks/tdengine"));
        Assert.That(bundle, Is.Not.Null);
        Assert.That(plugin.Sha256, Is.EqualTo(PackageZips.Sha256(bundle!)));
        Assert.That(EntriesOf(bundle!), Is.EqualTo(new[] { "plugins/native/sinks/tdengine/tdengine.so" }));
        Assert.That(Directory.EnumerateFileSystemEntries(Data(ArtifactStore.StagingFolder)), Is.Empty);
    }

    [Test]
    public async Task Staging_dropped_without_promotion_leaves_nothing_behind()
    {
        Serve("file:///p/a.zip", PackageZips.NativePlugin("functions", "a"));

        using (var staging = _store.Begin())
        {
            await staging.StageAsync(Plugin("functions_a", "a", "file:///p/a.zip"), CancellationToken.None);
        }

        Assert.That(Exists("plugins"), Is.False);
        Assert.That(Directory.EnumerateFileSystemEntries(Data(ArtifactStore.StagingFolder)), Is.Empty);
    }

    [Test]
    public async Task A_promotion_whose_commit_fails_puts_the_previous_files_back()
    {
        await InstallAsync(Upload("a.txt", "old a"), Upload("b.txt", "old b"));

        using (var staging = _store.Begin())
        {
            staging.ReplaceAll();
            await staging.StageAsync(Upload("a.txt", "new a"), CancellationToken.None);
            staging.Promote();
            Assert.That(File.ReadAllText(Data("uploads/a.txt")), Is.EqualTo("new a"));
            Assert.That(Exists("uploads/b.txt"), Is.False);
            // No Complete(): the transaction did not commit.
        }

        Assert.That(File.ReadAllText(Data("uploads/a.txt")), Is.EqualTo("old a"));
        Assert.That(File.ReadAllText(Data("uploads/b.txt")), Is.EqualTo("old b"));
    }

    [Test]
    public async Task Replacing_all_removes_what_is_not_staged_again_and_replacing_some_keeps_the_rest()
    {
        await InstallAsync(Upload("a.txt", "a"), Upload("b.txt", "b"));

        await InstallAsync(Upload("b.txt", "b2"));
        Assert.That(File.ReadAllText(Data("uploads/a.txt")), Is.EqualTo("a"));
        Assert.That(File.ReadAllText(Data("uploads/b.txt")), Is.EqualTo("b2"));

        await InstallAsync(replaceAll: true, Upload("c.txt", "c"));
        Assert.That(Directory.EnumerateFiles(Data("uploads")).Select(Path.GetFileName), Is.EqualTo(new[] { "c.txt" }));
    }

    [Test]
    public async Task A_nested_upload_is_staged_into_its_sub_folders_and_bundled_under_its_path()
    {
        var upload = Upload("conf/dev/a.json", "{}");
        await InstallAsync(upload);

        Assert.That(File.ReadAllText(Data("uploads/conf/dev/a.json")), Is.EqualTo("{}"));
        Assert.That(upload.InstalledPath, Is.EqualTo("uploads/conf/dev/a.json"));
    }

    [Test]
    public void A_nested_upload_through_a_symbolic_link_is_refused_before_anything_is_staged()
    {
        var outside = Data("../" + Path.GetFileName(_dataDirectory) + "-outside");
        Directory.CreateDirectory(outside);
        Directory.CreateDirectory(Data("uploads"));
        Directory.CreateSymbolicLink(Data("uploads/link"), outside);
        try
        {
            using var staging = _store.Begin();

            var error = Assert.ThrowsAsync<ArtifactInstallException>(() => staging.StageAsync(Upload("link/x.txt", "x"), CancellationToken.None));
            var posted = Assert.Throws<ArtifactInstallException>(() => staging.StageUploadedFile("link/y.txt", [1]));

            Assert.That(error!.Message, Is.EqualTo("fail to install upload: invalid upload name link/x.txt: link is a symbolic link in the uploads folder"));
            Assert.That(posted!.Message, Is.EqualTo("invalid upload name link/y.txt: link is a symbolic link in the uploads folder"));
            Assert.That(Directory.EnumerateFileSystemEntries(outside), Is.Empty);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Test]
    public async Task A_portable_plugins_manifest_is_recorded_on_its_row()
    {
        Serve("file:///p/pysam.zip", PackageZips.PortablePlugin("mirror", ["revert"], ["pyjson"], sinks: ["print"]));
        var plugin = new ArtifactDefinition { Kind = ArtifactKind.PortablePlugin, Key = "mirror", Json = PortableEntry("file:///p/pysam.zip") };

        await InstallAsync(plugin);

        Assert.That(plugin.PluginInfoJson, Is.EqualTo(
            """{"name":"mirror","version":"v1.0.0","language":"go","executable":"bin/mirror","virtualEnvType":null,"env":null,"sources":["pyjson"],"sinks":["print"],"functions":["revert"]}"""));
    }

    [Test]
    public async Task A_fetch_failure_keeps_eKuipers_wording()
    {
        _fetcher.Setup(f => f.FetchAsync("file:///p/x.zip", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new FetchFailedException("file:///p/x.zip", "stat /p/x.zip: no such file or directory"));
        using var staging = _store.Begin();

        var error = Assert.ThrowsAsync<FetchFailedException>(() => staging.StageAsync(Plugin("sinks_x", "x", "file:///p/x.zip"), CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo("fail to download file file:///p/x.zip: stat /p/x.zip: no such file or directory"));
    }

    [TestCase("../escape.txt")]
    [TestCase("/etc/escape.txt")]
    [TestCase("lib/../../escape.txt")]
    [TestCase("..\\escape.txt")]
    [TestCase("C:/escape.txt")]
    public void Zip_entries_that_would_leave_the_package_are_refused(string entry)
    {
        Serve("file:///p/a.zip", PackageZips.Zip(("a.so", "lib"), (entry, "gotcha")));
        using var staging = _store.Begin();

        var error = Assert.ThrowsAsync<ArtifactInstallException>(() => staging.StageAsync(Plugin("functions_a", "a", "file:///p/a.zip"), CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo($"fail to install plugin: invalid zip file: unsafe entry {entry}: entries must stay inside the package"));
    }

    [TestCase("empty")]
    [TestCase("text")]
    [TestCase("truncated")]
    public void A_file_that_is_not_a_whole_zip_is_refused(string kind)
    {
        var zip = PackageZips.NativePlugin("functions", "a");
        Serve("file:///p/a.zip", kind switch
        {
            "empty" => [],
            "text" => Encoding.UTF8.GetBytes("<html>not found</html>"),
            _ => zip[..(zip.Length / 2)],
        });
        using var staging = _store.Begin();

        var error = Assert.ThrowsAsync<ArtifactInstallException>(() => staging.StageAsync(Plugin("functions_a", "a", "file:///p/a.zip"), CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo("fail to install plugin: zip: not a valid zip file"));
    }

    [Test]
    public async Task A_proto_file_with_a_byte_order_mark_is_accepted()
    {
        Serve("file:///p/book.proto", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(PackageZips.BookProto)]);

        await InstallAsync(new ArtifactDefinition
        {
            Kind = ArtifactKind.Schema, Key = "protobuf_book", Json = JsonSerializer.Serialize(new { name = "book", file = "file:///p/book.proto" }),
        });

        Assert.That(File.Exists(Data("schemas/protobuf/book.proto")), Is.True);
    }

    [Test]
    public void A_zip_that_unpacks_beyond_the_limit_is_refused_and_its_partial_files_removed()
    {
        Serve("file:///p/a.zip", PackageZips.Zip(("a.so", new string('x', 5000))));
        using var staging = _store.Begin();

        var error = Assert.ThrowsAsync<ArtifactInstallException>(() => staging.StageAsync(Plugin("functions_a", "a", "file:///p/a.zip"), CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo("fail to install plugin: invalid zip file: it unpacks to more than 4096 bytes"));
        Assert.That(Directory.EnumerateFiles(_dataDirectory, "*", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public void A_plugin_with_shell_parameters_needs_an_install_script()
    {
        Serve("file:///p/a.zip", PackageZips.NativePlugin("sinks", "a"));
        var plugin = new ArtifactDefinition
        {
            Kind = ArtifactKind.NativePlugin, Key = "sinks_a",
            Json = JsonSerializer.Serialize(new { name = "a", file = "file:///p/a.zip", shellParas = new[] { "-v", "1" } }),
        };
        using var staging = _store.Begin();

        var error = Assert.ThrowsAsync<ArtifactInstallException>(() => staging.StageAsync(plugin, CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo("fail to install plugin: have shell parameters : [-v 1] but no install.sh file"));
    }

    [Test]
    public async Task A_zipped_protobuf_schema_brings_its_supporting_folder()
    {
        Serve("file:///p/book.zip", PackageZips.Zip(("book.proto", PackageZips.BookProto), ("book/common.proto", "syntax = \"proto3\";"), ("other.txt", "ignored")));
        var schema = new ArtifactDefinition
        {
            Kind = ArtifactKind.Schema, Key = "protobuf_book",
            Json = JsonSerializer.Serialize(new { name = "book", file = "file:///p/book.zip" }),
        };

        await InstallAsync(schema);

        Assert.That(File.ReadAllText(Data("schemas/protobuf/book.proto")), Is.EqualTo(PackageZips.BookProto));
        Assert.That(File.Exists(Data("schemas/protobuf/book/common.proto")), Is.True);
        Assert.That(Directory.EnumerateFiles(Data("schemas"), "*", SearchOption.AllDirectories).Count(), Is.EqualTo(2));
        Assert.That(schema.InstalledPath, Is.EqualTo("schemas/protobuf/book.proto"));
    }

    [Test]
    public async Task A_custom_schema_is_its_library()
    {
        var library = Encoding.UTF8.GetBytes("ELF custom schema");
        Serve("file:///p/my.so", library);
        var schema = new ArtifactDefinition
        {
            Kind = ArtifactKind.Schema, Key = "custom_my",
            Json = JsonSerializer.Serialize(new { name = "my", soFile = "file:///p/my.so" }),
        };

        await InstallAsync(schema);

        Assert.That(File.ReadAllBytes(Data("schemas/custom/my.so")), Is.EqualTo(library));
        Assert.That(schema.InstalledPath, Is.EqualTo("schemas/custom/my.so"));
        Assert.That(schema.Sha256, Has.Length.EqualTo(64).And.Not.EqualTo(PackageZips.Sha256(library)), "the bundle's, not the library's");
    }

    [Test]
    public void A_custom_schema_with_content_is_refused()
    {
        var schema = new ArtifactDefinition
        {
            Kind = ArtifactKind.Schema, Key = "custom_my",
            Json = JsonSerializer.Serialize(new { name = "my", content = "x", soFile = "file:///p/my.so" }),
        };
        using var staging = _store.Begin();

        var error = Assert.ThrowsAsync<ArtifactInstallException>(() => staging.StageAsync(schema, CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo("fail to install schema: custom schema my is defined by its soFile only: content and file are not supported"));
    }

    [Test]
    public void A_service_zip_without_its_descriptor_is_refused()
    {
        Serve("file:///p/s.zip", PackageZips.Zip(("schemas/book.proto", PackageZips.BookProto)));
        var service = new ArtifactDefinition
        {
            Kind = ArtifactKind.Service, Key = "books", Json = JsonSerializer.Serialize(new { name = "books", file = "file:///p/s.zip" }),
        };
        using var staging = _store.Begin();

        var error = Assert.ThrowsAsync<ArtifactInstallException>(() => staging.StageAsync(service, CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo("fail to install service: cannot find the json descriptor file books.json for service"));
    }

    [Test]
    public async Task The_same_install_gives_the_same_bundle_even_from_a_zip_made_again_later()
    {
        Serve("file:///p/mirror.zip", PackageZips.PortablePlugin("mirror", ["revert"]));
        var first = new ArtifactDefinition { Kind = ArtifactKind.PortablePlugin, Key = "mirror", Json = PortableEntry("file:///p/mirror.zip") };
        using (var staging = _store.Begin())
        {
            await staging.StageAsync(first, CancellationToken.None);
        }
        // The same files zipped again, with other timestamps: a different zip, the same installation.
        var remade = PackageZips.Zip(
            ("bin/mirror", "#!/bin/sh\necho plugin\n", PackageZips.Executable),
            ("mirror.json", Manifest("mirror", "revert"), 0));
        Serve("file:///p/again.zip", remade);
        var second = new ArtifactDefinition { Kind = ArtifactKind.PortablePlugin, Key = "mirror", Json = PortableEntry("file:///p/again.zip") };
        using (var staging = _store.Begin())
        {
            await staging.StageAsync(second, CancellationToken.None);
        }

        Assert.That(remade, Is.Not.EqualTo(PackageZips.PortablePlugin("mirror", ["revert"])));
        Assert.That(second.Sha256, Is.EqualTo(first.Sha256));
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_bundle_installs_the_same_files_elsewhere_with_their_executable_bit()
    {
        Serve("file:///p/mirror.zip", PackageZips.PortablePlugin("mirror", ["revert"]));
        var plugin = new ArtifactDefinition { Kind = ArtifactKind.PortablePlugin, Key = "mirror", Json = PortableEntry("file:///p/mirror.zip") };
        byte[] bundle;
        using (var staging = _store.Begin())
        {
            await staging.StageAsync(plugin, CancellationToken.None);
            bundle = staging.BundleOf(plugin.Sha256!)!;
        }
        var elsewhere = Path.Combine(_dataDirectory, "elsewhere");
        var other = new ArtifactStore(_fetcher.Object, Options.Create(new EkuiperOptions { DataDirectory = elsewhere, UnpackMaxBytes = 4096 }));
        var restored = new ArtifactDefinition
        {
            Kind = ArtifactKind.PortablePlugin, Key = "mirror", Json = plugin.Json, Sha256 = plugin.Sha256, InstalledPath = plugin.InstalledPath,
        };

        using (var staging = other.Begin())
        {
            staging.StageBundle(restored, bundle);
            staging.Promote();
            staging.Complete();
        }

        Assert.That(File.ReadAllText(Path.Combine(elsewhere, "plugins/portable/mirror/mirror.json")), Does.Contain("\"revert\""));
        Assert.That(File.GetUnixFileMode(Path.Combine(elsewhere, "plugins/portable/mirror/bin/mirror")) & UnixFileMode.UserExecute,
            Is.EqualTo(UnixFileMode.UserExecute));
        Assert.That(restored.Sha256, Is.EqualTo(plugin.Sha256));
    }

    [Test]
    public void A_bundle_that_does_not_match_its_sha256_or_holds_paths_its_artifact_does_not_own_is_refused()
    {
        var stray = PackageZips.Zip(("plugins/portable/other/other.json", "{}"));
        var wrongHash = new ArtifactDefinition { Kind = ArtifactKind.PortablePlugin, Key = "mirror", Json = "{}", Sha256 = new string('0', 64) };
        var strayPath = new ArtifactDefinition { Kind = ArtifactKind.PortablePlugin, Key = "mirror", Json = "{}", Sha256 = PackageZips.Sha256(stray) };

        using var staging = _store.Begin();
        var mismatch = Assert.Throws<ArtifactInstallException>(() => staging.StageBundle(wrongHash, stray));
        var outside = Assert.Throws<ArtifactInstallException>(() => staging.StageBundle(strayPath, stray));
        staging.Promote();
        staging.Complete();

        Assert.That(mismatch!.Message, Is.EqualTo("fail to install plugin: the stored bundle does not match its SHA-256"));
        Assert.That(outside!.Message, Is.EqualTo("fail to install plugin: the stored bundle holds plugins/portable/other/other.json, which the artifact does not own"));
        Assert.That(Exists("plugins"), Is.False);
    }

    private static string PortableEntry(string file) => JsonSerializer.Serialize(new { name = "mirror", file });

    private static string Manifest(string name, string function) =>
        $"{{\"name\":\"{name}\",\"version\":\"v1.0.0\",\"language\":\"go\",\"executable\":\"bin/{name}\",\"sources\":[],\"sinks\":[],\"functions\":[\"{function}\"]}}";

    private static List<string> EntriesOf(byte[] zip)
    {
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        return archive.Entries.Select(e => e.FullName).ToList();
    }

    private async Task InstallAsync(params ArtifactDefinition[] artifacts) => await InstallAsync(false, artifacts);

    private async Task InstallAsync(bool replaceAll, params ArtifactDefinition[] artifacts)
    {
        using var staging = _store.Begin();
        if (replaceAll)
        {
            staging.ReplaceAll();
        }
        foreach (var artifact in artifacts)
        {
            await staging.StageAsync(artifact, CancellationToken.None);
        }
        staging.Promote();
        staging.Complete();
    }

    private void Serve(string uri, byte[] content) =>
        _fetcher.Setup(f => f.FetchAsync(uri, It.IsAny<CancellationToken>())).ReturnsAsync(content);

    private static ArtifactDefinition Plugin(string key, string name, string file) => new()
    {
        Kind = ArtifactKind.NativePlugin, Key = key,
        Json = JsonSerializer.Serialize(new { name, file, shellParas = Array.Empty<string>() }),
    };

    private static ArtifactDefinition Upload(string name, string content) => new()
    {
        Kind = ArtifactKind.Upload, Key = name, Json = JsonSerializer.Serialize(new { name, content }),
    };

    private string Data(string relative) => Path.Combine(_dataDirectory, relative);

    private bool Exists(string relative) => File.Exists(Data(relative)) || Directory.Exists(Data(relative));
}
