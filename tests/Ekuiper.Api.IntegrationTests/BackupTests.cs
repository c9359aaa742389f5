using System.Text.Json;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>Every full import and restore is backed up first; a backup can be listed, downloaded and restored.</summary>
public sealed class BackupTests : ServerTest
{
    private static readonly string WrongDocument = EkuiperClient.Document(("streams", "oops", "CREATE STREAM oops () WITH (DATASOURCE=\"oops\")"));
    private static readonly string OtherDocument = EkuiperClient.Document(("streams", "other", "CREATE STREAM other () WITH (DATASOURCE=\"other\")"));

    [Test]
    public async Task Restoring_the_backup_taken_before_a_wrong_full_import_gives_back_the_earlier_export_byte_for_byte()
    {
        var (status, body) = await Client.ImportAsync(EkuiperClient.SeedExampleWithoutPlugins).ReadAsync();
        Assert.That(status, Is.EqualTo(200), body.ToString());
        var (earlier, earlierTag) = await Client.ExportWithETagAsync();

        Assert.That((await Client.ImportAsync(WrongDocument).ReadAsync()).Status, Is.EqualTo(200));
        var backup = (await Client.BackupsAsync())[0];
        var id = backup.GetProperty("id").GetString()!;
        using var restore = await Client.RestoreAsync(id);
        var (restored, restoredTag) = await Client.ExportWithETagAsync();

        Assert.That(backup.GetProperty("reason").GetString(), Is.EqualTo($"before full import at revision {earlierTag.Trim('"')}"));
        Assert.That((int)restore.StatusCode, Is.EqualTo(200), await restore.Content.ReadAsStringAsync());
        Assert.That(restore.Headers.ETag!.ToString(), Is.EqualTo(restoredTag));
        Assert.That(restored, Is.EqualTo(earlier), "the very bytes exported before the wrong import");
        Assert.That(restoredTag, Is.Not.EqualTo(earlierTag), "a restore is a change like any other");
    }

    [Test]
    public async Task The_rule_list_shows_the_names_and_tags_each_import_and_a_restore_leave()
    {
        static string Document(string rule) => EkuiperClient.Document(
            ("streams", "demo", "CREATE STREAM demo () WITH (DATASOURCE=\"demo\")"), ("rules", "r", rule));
        const string sql = "\"sql\":\"SELECT * FROM demo\",\"actions\":[{\"log\":{}}]";
        async Task<string> ListAsync() => (await Client.GetAsync("/rules").ReadTextAsync()).Text;

        Assert.That((await Client.ImportAsync(Document($$"""{"id":"r","name":"One","tags":["x","é"],{{sql}}}""")).ReadAsync()).Status, Is.EqualTo(200));
        var first = await ListAsync();
        Assert.That((await Client.ImportAsync(Document($$"""{"id":"r","name":"Two",{{sql}}}""")).ReadAsync()).Status, Is.EqualTo(200));
        var second = await ListAsync();
        var beforeSecond = (await Client.BackupsAsync())[0].GetProperty("id").GetString()!; // the newest: the first import's store
        Assert.That((await Client.ImportAsync(Document($$"""{"id":"r","tags":[],{{sql}}}"""), "?partial=1").ReadAsync()).Status, Is.EqualTo(200));
        var partial = await ListAsync();
        using var restore = await Client.RestoreAsync(beforeSecond);
        var restored = await ListAsync();

        Assert.That(first, Is.EqualTo("""[{"id":"r","name":"One","status":"running","tags":["x","é"],"trace":false,"version":""}]"""));
        Assert.That(second, Is.EqualTo("""[{"id":"r","name":"Two","status":"running","tags":null,"trace":false,"version":""}]"""));
        Assert.That(partial, Is.EqualTo("""[{"id":"r","name":"r","status":"running","tags":[],"trace":false,"version":""}]"""));
        Assert.That((int)restore.StatusCode, Is.EqualTo(200), await restore.Content.ReadAsStringAsync());
        Assert.That(restored, Is.EqualTo(first), "the restored rule lists as it did when the backup was taken");
    }

    [Test]
    public async Task A_backup_lists_its_counts_and_downloads_as_an_export_file()
    {
        await Client.ImportAsync(EkuiperClient.SeedExampleWithoutPlugins);
        var earlier = (await Client.ExportWithETagAsync()).Content;
        await Client.ImportAsync(WrongDocument);

        var backup = (await Client.BackupsAsync())[0];
        using var download = await Client.GetAsync($"/data/backups/{backup.GetProperty("id").GetString()}");

        var counts = backup.GetProperty("counts");
        Assert.That(counts.EnumerateObject().Select(c => c.Name), Is.EqualTo(new[]
        {
            "streams", "tables", "rules", "nativePlugins", "portablePlugins", "sourceConfig", "sinkConfig", "connectionConfig",
            "Service", "Schema", "uploads", "scripts",
        }));
        Assert.That(counts.GetProperty("streams").GetInt32(), Is.EqualTo(1));
        Assert.That(counts.GetProperty("rules").GetInt32(), Is.EqualTo(2));
        Assert.That(counts.GetProperty("tables").GetInt32(), Is.EqualTo(1));
        Assert.That(backup.GetProperty("size").GetInt64(), Is.EqualTo(earlier.Length));
        Assert.That(DateTimeOffset.Parse(backup.GetProperty("time").GetString()!), Is.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5)));
        Assert.That((int)download.StatusCode, Is.EqualTo(200));
        Assert.That(download.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/octet-stream"));
        Assert.That(download.Content.Headers.ContentDisposition!.DispositionType, Is.EqualTo("attachment"));
        Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(earlier));
    }

    [Test]
    public async Task Full_imports_restores_and_background_full_imports_are_backed_up_partial_imports_and_dry_runs_are_not()
    {
        await Client.ImportAsync(WrongDocument);
        await Client.ImportAsync(WrongDocument, "?partial=1");
        await Client.ImportAsync(WrongDocument, "?dryRun=1");
        var task = await Client.PollUntilDoneAsync(await Client.StartImportIdAsync(OtherDocument));
        var oldest = (await Client.BackupsAsync())[^1].GetProperty("id").GetString()!;
        await Client.RestoreAsync(oldest);

        var reasons = (await Client.BackupsAsync()).Select(b => b.GetProperty("reason").GetString()).ToList();

        Assert.That(task.Status(), Is.EqualTo("finish"));
        Assert.That(reasons, Has.Count.EqualTo(3));
        Assert.That(reasons[0], Does.StartWith($"before restore of {oldest} at revision"));
        Assert.That(reasons[1], Does.StartWith($"before full import (task {task.GetProperty("id").GetString()}) at revision"));
        Assert.That(reasons[2], Is.EqualTo("before full import at revision 0"));
    }

    [Test]
    public async Task A_full_import_of_what_is_stored_changes_nothing_and_keeps_no_backup_of_it()
    {
        await Client.ImportAsync(WrongDocument);
        var before = await Client.BackupsAsync();
        var (first, firstTag) = await Client.ExportWithETagAsync();

        var (status, _) = await Client.ImportAsync(WrongDocument).ReadAsync();
        var (second, secondTag) = await Client.ExportWithETagAsync();

        Assert.That(status, Is.EqualTo(200));
        Assert.That(secondTag, Is.EqualTo(firstTag));
        Assert.That(second, Is.EqualTo(first));
        Assert.That((await Client.BackupsAsync()).Select(b => b.GetProperty("id").GetString()),
            Is.EqualTo(before.Select(b => b.GetProperty("id").GetString())));
    }

    [Test]
    public async Task A_restore_with_a_stale_if_match_is_refused_and_takes_no_backup()
    {
        await Client.ImportAsync(WrongDocument);
        var id = (await Client.BackupsAsync())[0].GetProperty("id").GetString()!;
        var stale = await Client.ETagAsync();
        await Client.ImportAsync(EkuiperClient.SeedExampleWithoutPlugins, "?partial=1");
        var before = await Client.ExportAsync();

        var (status, body) = await Client.RestoreAsync(id, ifMatch: stale).ReadAsync();

        Assert.That(status, Is.EqualTo(412), body.ToString());
        Assert.That(await Client.ExportAsync(), Is.EqualTo(before));
        Assert.That(await Client.BackupsAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task An_unknown_backup_is_not_found()
    {
        (await Client.GetAsync("/data/backups/backup-1-0000").ReadAsync()).AssertError(404, "backup backup-1-0000 is not found");
        (await Client.RestoreAsync("backup-1-0000").ReadAsync()).AssertError(404, "backup backup-1-0000 is not found");
    }
}

public sealed class BackupRetentionTests
{
    [Test]
    public async Task Only_the_configured_number_of_newest_backups_is_kept()
    {
        using var factory = new EkuiperApiFactory(settings: new Dictionary<string, string?> { ["Ekuiper:Backups:Keep"] = "2" });
        using var client = factory.CreateClient();
        for (var i = 0; i < 4; i++)
        {
            await client.ImportAsync(EkuiperClient.Document(("streams", $"s{i}", $"CREATE STREAM s{i} () WITH (DATASOURCE=\"s\")")));
        }

        var backups = await client.BackupsAsync();

        Assert.That(backups, Has.Count.EqualTo(2));
        // Newest first: the store before the 4th import held s2, before the 3rd s1.
        var streams = new List<string>();
        foreach (var backup in backups)
        {
            var content = await client.GetStringAsync($"/data/backups/{backup.GetProperty("id").GetString()}");
            streams.AddRange(JsonDocument.Parse(content).RootElement.GetProperty("streams").EnumerateObject().Select(p => p.Name));
        }
        Assert.That(streams, Is.EqualTo(new[] { "s2", "s1" }));
    }
}
