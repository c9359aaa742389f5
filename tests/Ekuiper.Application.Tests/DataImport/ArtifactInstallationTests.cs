using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Store;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Infrastructure.Persistence;
using Moq;

namespace Ekuiper.Application.Tests.DataImport;

public sealed class ArtifactInstallationTests
{
    private Mock<IArtifactStaging> _staging = null!;
    private Mock<IScriptCompiler> _scripts = null!;
    private ArtifactInstallation _installation = null!;
    private InMemoryStore _store = null!;
    private EkuiperDbContext _db = null!;

    [TearDown]
    public void DropStore()
    {
        _db.Dispose();
        _store.Dispose();
    }

    [SetUp]
    public void CreateInstallation()
    {
        _staging = new Mock<IArtifactStaging>();
        var installer = new Mock<IArtifactInstaller>();
        installer.Setup(i => i.Begin()).Returns(_staging.Object);
        _staging.Setup(s => s.StageAsync(It.IsAny<ArtifactDefinition>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _scripts = new Mock<IScriptCompiler>();
        _store = new InMemoryStore();
        _db = _store.NewContext();
        _installation = new ArtifactInstallation(installer.Object, _scripts.Object, _db);
    }

    [Test]
    public async Task Artifacts_that_fail_are_reported_under_their_key_and_not_written()
    {
        var good = Artifact(ArtifactKind.Upload, "a.txt");
        var unreachable = Artifact(ArtifactKind.NativePlugin, "functions_image");
        var badScript = Artifact(ArtifactKind.Script, "area", "{\"id\":\"area\",\"script\":\"function x(){}\"}");
        _staging.Setup(s => s.StageAsync(unreachable, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new FetchFailedException("https://h/image.zip", "Get \"https://h/image.zip\": dial tcp: lookup h: no such host"));
        _scripts.Setup(s => s.Check("area", "function x(){}")).Returns("cannot find function \"area\" in script");
        var plan = Plan(good, unreachable, badScript);

        using var staged = await _installation.InstallAsync(plan, ImportMode.Partial, null, CancellationToken.None);

        Assert.That(plan.Artifacts, Is.EqualTo(new[] { good }));
        Assert.That(plan.Report[RulesetSection.NativePlugins]["functions_image"],
            Is.EqualTo("fail to download file https://h/image.zip: Get \"https://h/image.zip\": dial tcp: lookup h: no such host"));
        Assert.That(plan.Report[RulesetSection.Scripts]["area"], Is.EqualTo("cannot find function \"area\" in script"));
        _staging.Verify(s => s.StageAsync(good, It.IsAny<CancellationToken>()), Times.Once);
        _staging.Verify(s => s.StageAsync(badScript, It.IsAny<CancellationToken>()), Times.Never);
    }

    [TestCase(ImportMode.Reset, 1)]
    [TestCase(ImportMode.Partial, 0)]
    public async Task Only_a_full_import_replaces_every_installed_artifact(ImportMode mode, int times)
    {
        using var staged = await _installation.InstallAsync(Plan(), mode, null, CancellationToken.None);

        _staging.Verify(s => s.ReplaceAll(), Times.Exactly(times));
    }

    [Test]
    public void An_unexpected_failure_discards_the_staged_files()
    {
        var artifact = Artifact(ArtifactKind.Upload, "a.txt");
        _staging.Setup(s => s.StageAsync(artifact, It.IsAny<CancellationToken>())).ThrowsAsync(new OperationCanceledException());

        Assert.ThrowsAsync<OperationCanceledException>(() => _installation.InstallAsync(Plan(artifact), ImportMode.Partial, null, CancellationToken.None));

        _staging.Verify(s => s.Dispose(), Times.Once);
        _staging.Verify(s => s.Promote(), Times.Never);
    }

    [Test]
    public async Task The_functions_an_installed_artifact_provides_are_recorded_on_its_row_and_declared()
    {
        var plugin = Artifact(ArtifactKind.PortablePlugin, "mirror");
        _staging.Setup(s => s.StageAsync(plugin, It.IsAny<CancellationToken>())).ReturnsAsync(["revert", "mirrorit"]);
        var plan = Plan(plugin);

        using var staged = await _installation.InstallAsync(plan, ImportMode.Partial, null, CancellationToken.None);

        Assert.That(plugin.FunctionsJson, Is.EqualTo("[\"revert\",\"mirrorit\"]"));
        Assert.That(plan.DeclaredFunctions.Select(f => f.Name), Is.EqualTo(new[] { "revert", "mirrorit" }));
    }

    [Test]
    public async Task A_restore_installs_an_unchanged_artifact_from_the_blob_its_backup_kept_instead_of_fetching_it()
    {
        var bundle = new byte[] { 1, 2, 3 };
        _db.ArtifactBlobs.Add(new ArtifactBlob { Sha256 = "abc", Content = bundle });
        await _db.SaveChangesAsync();
        var carried = Artifact(ArtifactKind.PortablePlugin, "mirror", "{\"name\":\"mirror\"}");
        (carried.Sha256, carried.InstalledPath, carried.FunctionsJson) = ("abc", "plugins/portable/mirror", "[\"revert\"]");
        carried.PluginInfoJson = "{\"name\":\"mirror\",\"sinks\":[\"print\"]}";
        var changed = Artifact(ArtifactKind.Service, "books", "{\"name\":\"books\",\"file\":\"new\"}");
        var carriedService = Artifact(ArtifactKind.Service, "books", "{\"name\":\"books\",\"file\":\"old\"}");
        (carriedService.Sha256, carriedService.FunctionsJson) = ("abc", "[]");
        var plugin = Artifact(ArtifactKind.PortablePlugin, "mirror", "{\"name\":\"mirror\"}");
        var plan = Plan(plugin, changed);

        using var staged = await _installation.InstallAsync(plan, ImportMode.Reset, [carried, carriedService], CancellationToken.None);

        _staging.Verify(s => s.StageBundle(plugin, bundle), Times.Once);
        _staging.Verify(s => s.StageAsync(plugin, It.IsAny<CancellationToken>()), Times.Never);
        // An entry that differs from the one backed up is fetched as any import fetches it.
        _staging.Verify(s => s.StageAsync(changed, It.IsAny<CancellationToken>()), Times.Once);
        Assert.That((plugin.Sha256, plugin.InstalledPath, plugin.FunctionsJson), Is.EqualTo(("abc", "plugins/portable/mirror", "[\"revert\"]")));
        Assert.That(plugin.PluginInfoJson, Is.EqualTo(carried.PluginInfoJson));
        Assert.That(plan.DeclaredFunctions.Select(f => f.Name), Is.EqualTo(new[] { "revert" }));
    }

    [Test]
    public async Task A_restore_whose_blob_is_gone_fetches_the_artifact()
    {
        var carried = Artifact(ArtifactKind.Upload, "a.txt");
        (carried.Sha256, carried.FunctionsJson) = ("gone", "[]");
        var upload = Artifact(ArtifactKind.Upload, "a.txt");

        using var staged = await _installation.InstallAsync(Plan(upload), ImportMode.Reset, [carried], CancellationToken.None);

        _staging.Verify(s => s.StageAsync(upload, It.IsAny<CancellationToken>()), Times.Once);
        _staging.Verify(s => s.StageBundle(It.IsAny<ArtifactDefinition>(), It.IsAny<byte[]>()), Times.Never);
    }

    private static ImportPlan Plan(params ArtifactDefinition[] artifacts)
    {
        var plan = new ImportPlan();
        plan.Artifacts.AddRange(artifacts);
        return plan;
    }

    private static ArtifactDefinition Artifact(ArtifactKind kind, string key, string json = "{}") => new() { Kind = kind, Key = key, Json = json };
}
