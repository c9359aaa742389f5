using Ekuiper.Application.DataImport;
using Ekuiper.Application.Common.Behaviours;
using AutoMapper;
using Ekuiper.Application.Common.Mappings;
using System.Text;
using Ekuiper.Application.Backups;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.DataExport.Queries.ExportRuleset;
using Ekuiper.Application.Store;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using Ekuiper.Domain.Ruleset;
using Microsoft.EntityFrameworkCore;
using Moq;
using static Ekuiper.Application.Tests.TestText;

namespace Ekuiper.Application.Tests.DataImport;

public sealed class ImportRulesetHandlerTests
{
    private const string Seed = """
        {"streams":{"demo":"CREATE STREAM demo () WITH (DATASOURCE=\"users\", FORMAT=\"JSON\")"},
         "rules":{"rule1":"{\"id\":\"rule1\",\"sql\":\"SELECT * FROM demo\",\"actions\":[{\"log\":{}}]}"},
         "sourceConfig":{"mqtt":"{\"td\":{\"server\":\"tcp://a:1883\"}}"}}
        """;

    private static readonly DateTimeOffset Now = new(2026, 11, 25, 1, 0, 0, TimeSpan.Zero);

    private static readonly IMapper Mapper =
        new MapperConfiguration(c => c.AddProfile<RulesetMappingProfile>()).CreateMapper();

    private InMemoryStore _store = null!;
    private Mock<IArtifactFetcher> _fetcher = null!;
    private Mock<IClock> _clock = null!;
    private Mock<IScriptCompiler> _scripts = null!;
    private Mock<IArtifactInstaller> _installer = null!;
    private Mock<IFunctionCatalogue> _functions = null!;

    [SetUp]
    public void CreateStore()
    {
        _store = new InMemoryStore();
        _fetcher = new Mock<IArtifactFetcher>(MockBehavior.Strict);
        _clock = new Mock<IClock>();
        _clock.SetupGet(c => c.UtcNow).Returns(Now);
        _scripts = new Mock<IScriptCompiler>();
        _installer = new Mock<IArtifactInstaller>();
        _installer.Setup(i => i.Begin()).Returns(new Mock<IArtifactStaging>().Object);
        _functions = new Mock<IFunctionCatalogue>();
        _functions.Setup(f => f.ListAsync(It.IsAny<CancellationToken>())).ReturnsAsync([]);
    }

    [TearDown]
    public void DropStore() => _store.Dispose();

    private async Task<ImportRulesetResult> ImportAsync(ImportRuleset request)
    {
        await using var db = _store.NewContext();
        var installation = new ArtifactInstallation(_installer.Object, _scripts.Object, db);
        var unit = new StoreWriteUnit();
        var importer = new RulesetImporter(db, unit, installation, _functions.Object, _clock.Object,
            new StoreBackups(db, _clock.Object, BackupSettings.Default), new Ekuiper.Application.Common.Metrics.EkuiperMetrics());
        var handler = new ImportRulesetHandler(new DocumentImport(_fetcher.Object, importer, unit,
            new Mock<IImportProgress>().Object, new Mock<IApplicationStopper>().Object, Mapper, new Mock<IRulesetYaml>().Object));
        // The handler runs inside its store write, as the pipeline runs it.
        var write = new StoreWriteBehaviour<ImportRuleset, ImportRulesetResult>(new ImportGate(), db, unit,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<StoreWriteBehaviour<ImportRuleset, ImportRulesetResult>>.Instance);
        return await write.Handle(request, CancellationToken.None, () => handler.Handle(request, CancellationToken.None));
    }

    private async Task<string> ExportAsync()
    {
        await using var db = _store.NewContext();
        var export = await new ExportRulesetHandler(db, _functions.Object).Handle(new ExportRuleset(), CancellationToken.None);
        using var buffer = new MemoryStream();
        await export.WriteToAsync(buffer, CancellationToken.None);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Test]
    public async Task Content_is_imported_without_fetching_anything()
    {
        var result = await ImportAsync(new ImportRuleset(Utf8(Seed), null, ImportMode.Reset));

        Assert.That(result.Succeeded, Is.True);
        await using var db = _store.NewContext();
        Assert.That(await db.Streams.Select(s => s.Name).ToListAsync(), Is.EqualTo(new[] { "demo" }));
        Assert.That(await db.ConfigKeys.CountAsync(), Is.EqualTo(1));
        _fetcher.VerifyNoOtherCalls();
    }

    [Test]
    public async Task A_file_uri_is_read_through_the_fetcher()
    {
        _fetcher.Setup(f => f.FetchAsync("file:///tmp/a.json", It.IsAny<CancellationToken>())).ReturnsAsync(Encoding.UTF8.GetBytes(Seed));

        var result = await ImportAsync(new ImportRuleset(null, "file:///tmp/a.json", ImportMode.Reset));

        Assert.That(result.Succeeded, Is.True);
        _fetcher.Verify(f => f.FetchAsync("file:///tmp/a.json", It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(await ExportAsync(), Does.Contain("rule1"));
    }

    [Test]
    public async Task A_fetch_failure_is_refused_and_changes_nothing()
    {
        await ImportAsync(new ImportRuleset(Utf8(Seed), null, ImportMode.Reset));
        var before = await ExportAsync();
        _fetcher.Setup(f => f.FetchAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new FetchFailedException("file:///x.json", "stat /x.json: no such file or directory"));

        var error = Assert.ThrowsAsync<FetchFailedException>(() => ImportAsync(new ImportRuleset(null, "file:///x.json", ImportMode.Reset)));

        Assert.That(error!.Message, Is.EqualTo("fail to download file file:///x.json: stat /x.json: no such file or directory"));
        Assert.That(await ExportAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_file_that_is_not_utf8_is_refused()
    {
        _fetcher.Setup(f => f.FetchAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([0x7B, 0xFF, 0xFE, 0x7D]);

        var error = Assert.ThrowsAsync<InvalidRequestException>(() => ImportAsync(new ImportRuleset(null, "file:///bin", ImportMode.Reset)));

        Assert.That(error!.Message, Does.StartWith("configuration unmarshal with error"));
    }

    [Test]
    public async Task A_malformed_document_changes_nothing_even_in_reset_mode()
    {
        await ImportAsync(new ImportRuleset(Utf8(Seed), null, ImportMode.Reset));
        var before = await ExportAsync();

        Assert.ThrowsAsync<InvalidRequestException>(() => ImportAsync(new ImportRuleset(Utf8("{\"streams\":"), null, ImportMode.Reset)));

        Assert.That(await ExportAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Reset_mode_replaces_and_partial_mode_keeps()
    {
        await ImportAsync(new ImportRuleset(Utf8(Seed), null, ImportMode.Reset));
        const string other = """{"streams":{"other":"CREATE STREAM other () WITH (DATASOURCE=\"o\")"}}""";

        await ImportAsync(new ImportRuleset(Utf8(other), null, ImportMode.Partial));
        await using (var db = _store.NewContext())
        {
            Assert.That(await db.Streams.Select(s => s.Name).OrderBy(n => n).ToListAsync(), Is.EqualTo(new[] { "demo", "other" }));
            Assert.That(await db.Rules.CountAsync(), Is.EqualTo(1));
        }

        await ImportAsync(new ImportRuleset(Utf8(other), null, ImportMode.Reset));
        await using (var db = _store.NewContext())
        {
            Assert.That(await db.Streams.Select(s => s.Name).ToListAsync(), Is.EqualTo(new[] { "other" }));
            Assert.That(await db.Rules.CountAsync(), Is.Zero);
            Assert.That(await db.ConfigKeys.CountAsync(), Is.Zero);
        }
    }

    [Test]
    public async Task The_report_is_saved_as_the_import_status_with_the_time()
    {
        var result = await ImportAsync(new ImportRuleset(Utf8("""{"rules":{"r":"{\"id\":\"q\"}"}}"""), null, ImportMode.Reset));

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Report[RulesetSection.Rules]["r"], Is.EqualTo("RuleId is not consistent with rule id."));
        await using var db = _store.NewContext();
        var status = await db.ImportStatuses.SingleAsync();
        Assert.That(status.UpdatedAt, Is.EqualTo(Now));
        Assert.That(status.ReportJson, Does.Contain("RuleId is not consistent with rule id."));
    }
}
