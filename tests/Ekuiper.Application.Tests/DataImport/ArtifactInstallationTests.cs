using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Store;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using Moq;

namespace Ekuiper.Application.Tests.DataImport;

public sealed class ArtifactInstallationTests
{
    private Mock<IArtifactStaging> _staging = null!;
    private Mock<IScriptCompiler> _scripts = null!;
    private ArtifactInstallation _installation = null!;

    [SetUp]
    public void CreateInstallation()
    {
        _staging = new Mock<IArtifactStaging>();
        var installer = new Mock<IArtifactInstaller>();
        installer.Setup(i => i.Begin()).Returns(_staging.Object);
        _staging.Setup(s => s.StageAsync(It.IsAny<ArtifactDefinition>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _scripts = new Mock<IScriptCompiler>();
        _installation = new ArtifactInstallation(installer.Object, _scripts.Object);
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

        using var staged = await _installation.InstallAsync(plan, ImportMode.Partial, CancellationToken.None);

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
        using var staged = await _installation.InstallAsync(Plan(), mode, CancellationToken.None);

        _staging.Verify(s => s.ReplaceAll(), Times.Exactly(times));
    }

    [Test]
    public void An_unexpected_failure_discards_the_staged_files()
    {
        var artifact = Artifact(ArtifactKind.Upload, "a.txt");
        _staging.Setup(s => s.StageAsync(artifact, It.IsAny<CancellationToken>())).ThrowsAsync(new OperationCanceledException());

        Assert.ThrowsAsync<OperationCanceledException>(() => _installation.InstallAsync(Plan(artifact), ImportMode.Partial, CancellationToken.None));

        _staging.Verify(s => s.Dispose(), Times.Once);
        _staging.Verify(s => s.Promote(), Times.Never);
    }

    private static ImportPlan Plan(params ArtifactDefinition[] artifacts)
    {
        var plan = new ImportPlan();
        plan.Artifacts.AddRange(artifacts);
        return plan;
    }

    private static ArtifactDefinition Artifact(ArtifactKind kind, string key, string json = "{}") => new() { Kind = kind, Key = key, Json = json };
}
