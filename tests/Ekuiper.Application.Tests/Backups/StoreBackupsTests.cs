using Ekuiper.Application.Backups;
using Ekuiper.Application.Backups.Commands.RestoreBackup;
using Ekuiper.Application.Backups.Queries.GetBackup;
using Ekuiper.Application.Backups.Queries.ListBackups;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.DataExport.Queries.ExportRuleset;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using Ekuiper.Domain.Ruleset;
using Microsoft.Extensions.DependencyInjection;
using static Ekuiper.Application.Tests.TestText;

namespace Ekuiper.Application.Tests.Backups;

public sealed class StoreBackupsTests : HarnessTest
{
    protected override ApplicationHarness CreateHarness() => new(services => services.AddSingleton(new BackupSettings(Keep: 2)));

    private static string StreamDocument(string name) =>
        $"{{\"streams\":{{\"{name}\":\"CREATE STREAM {name} () WITH (DATASOURCE=\\\"{name}\\\")\"}}}}";

    [Test]
    public async Task Only_full_imports_are_backed_up_and_the_newest_are_kept()
    {
        await App.SendAsync(new ImportRuleset(Utf8(StreamDocument("a")), null, ImportMode.Reset));
        await App.SendAsync(new ImportRuleset(Utf8(StreamDocument("b")), null, ImportMode.Partial));
        await App.SendAsync(new ImportRuleset(Utf8(StreamDocument("c")), null, ImportMode.Reset) { DryRun = true });
        await App.SendAsync(new ImportRuleset(Utf8(StreamDocument("d")), null, ImportMode.Reset));
        await App.SendAsync(new ImportRuleset(Utf8(StreamDocument("e")), null, ImportMode.Reset));

        var backups = await App.SendAsync(new ListBackups());

        Assert.That(backups, Has.Count.EqualTo(2), "three full imports, two kept");
        Assert.That(backups.Select(b => b.Counts["streams"]), Is.EqualTo(new[] { 1, 2 }), "newest first: {d}, then {a, b}");
        Assert.That(backups.Select(b => b.Reason), Is.EqualTo(new[] { "before full import at revision 3", "before full import at revision 2" }));
    }

    [Test]
    public async Task A_backup_is_the_export_of_the_state_it_replaced_and_restoring_it_gives_that_state_back()
    {
        await App.SendAsync(new ImportRuleset(Utf8(StreamDocument("a")), null, ImportMode.Reset));
        var before = await App.ExportAsync(new ExportRuleset());
        await App.SendAsync(new ImportRuleset(Utf8(StreamDocument("wrong")), null, ImportMode.Reset));
        var backup = (await App.SendAsync(new ListBackups()))[0];

        Assert.That(await App.SendAsync(new GetBackup(backup.Id)), Is.EqualTo(before));
        var restored = await App.SendAsync(new RestoreBackup(backup.Id));

        Assert.That(restored.Succeeded, Is.True);
        Assert.That(await App.ExportAsync(new ExportRuleset()), Is.EqualTo(before));
        Assert.That((await App.SendAsync(new ListBackups()))[0].Reason, Does.StartWith($"before restore of {backup.Id}"));
    }

    [Test]
    public void An_unknown_backup_is_not_found()
    {
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new GetBackup("backup-1-0000")));
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new RestoreBackup("backup-1-0000")));
    }
}
