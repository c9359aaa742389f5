using System.Text;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>
/// TEMP and SHARED as eKuiper's stream processor treats them: a temporary stream is created (and listed, described,
/// exported, deleted) but never written by a replace; a replace may not change SHARED, which is checked before VERSION.
/// </summary>
public sealed class StreamTempAndSharedTests : ServerTest
{
    private static string Stream(string name, string options) => $"CREATE STREAM {name} () WITH (DATASOURCE=\"t\"{options})";

    private async Task<(int Status, string Text, string? ContentType)> SendAsync(HttpMethod method, string path, string sql)
    {
        using var response = await Client.SendTextAsync(method, path, System.Text.Json.JsonSerializer.Serialize(new { sql }));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return ((int)response.StatusCode, Encoding.UTF8.GetString(bytes), response.Content.Headers.ContentType?.ToString());
    }

    private static void AssertGoError(int status, string text, string? contentType, int code, string message)
    {
        Assert.That(status, Is.EqualTo(400), text);
        Assert.That(text, Is.EqualTo($"{{\"error\":{code},\"message\":{Quoted(message)}}}\n"));
        Assert.That(contentType, Is.EqualTo("text/plain; charset=utf-8"));
    }

    [TestCase("streams", "STREAM", "Stream")]
    [TestCase("tables", "TABLE", "Table")]
    public async Task A_temporary_stream_or_table_is_created_listed_described_exported_and_deleted(string collection, string keyword, string title)
    {
        var sql = $"CREATE {keyword} tmp () WITH (DATASOURCE=\"t\", TEMP=\"true\")";

        var created = await SendAsync(HttpMethod.Post, $"/{collection}", sql);

        Assert.That((created.Status, created.Text), Is.EqualTo((201, $"{title} tmp is created.")));
        Assert.That(await Client.GetNamesAsync($"/{collection}"), Is.EqualTo(new[] { "tmp" }));
        var (describeStatus, description) = await Client.GetAsync($"/{collection}/tmp").ReadAsync();
        Assert.That(describeStatus, Is.EqualTo(200));
        Assert.That(description.GetProperty("Options").GetProperty("temp").GetBoolean(), Is.True);
        Assert.That((await Client.ExportSectionsAsync())[collection]["tmp"], Is.EqualTo(sql));
        var (deleteStatus, deleted) = await Client.DeleteAsync($"/{collection}/tmp").ReadTextAsync();
        Assert.That((deleteStatus, deleted), Is.EqualTo((200, $"{title} tmp is dropped.")));
        Assert.That(await Client.GetNamesAsync($"/{collection}"), Is.Empty);
    }

    [Test]
    public async Task A_replace_with_TEMP_is_refused_whether_or_not_the_stream_exists()
    {
        var absent = await SendAsync(HttpMethod.Put, "/streams/tmp", Stream("tmp", ", TEMP=\"TRUE\""));
        AssertGoError(absent.Status, absent.Text, absent.ContentType, 3000,
            "Stream command error: Replace tmp fails: cannot replace with temp option.");

        await SendAsync(HttpMethod.Post, "/streams", Stream("tmp", ", TEMP=\"true\""));
        var present = await SendAsync(HttpMethod.Put, "/streams/tmp", Stream("tmp", ", TEMP=\"true\", FORMAT=\"binary\""));

        AssertGoError(present.Status, present.Text, present.ContentType, 3000,
            "Stream command error: Replace tmp fails: cannot replace with temp option.");
        Assert.That((await Client.ExportSectionsAsync())["streams"]["tmp"], Is.EqualTo(Stream("tmp", ", TEMP=\"true\"")));
    }

    [Test]
    public async Task A_temporary_stream_is_replaced_by_a_statement_without_TEMP()
    {
        await SendAsync(HttpMethod.Post, "/streams", Stream("tmp", ", TEMP=\"true\""));

        var replaced = await SendAsync(HttpMethod.Put, "/streams/tmp", Stream("tmp", ", TEMP=\"false\""));

        Assert.That((replaced.Status, replaced.Text), Is.EqualTo((200, "Stream tmp is replaced.")));
        Assert.That((await Client.ExportSectionsAsync())["streams"]["tmp"], Is.EqualTo(Stream("tmp", ", TEMP=\"false\"")));
    }

    [Test]
    public async Task An_import_refuses_a_temporary_stream_as_eKuipers_import_replaces_every_stream()
    {
        var document = System.Text.Json.JsonSerializer.Serialize(new
        {
            streams = new Dictionary<string, string> { ["tmp"] = Stream("tmp", ", TEMP=\"true\""), ["kept"] = Stream("kept", "") },
        });

        var (status, body) = await Client.ImportContentAsync(document, "?partial=1").ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        var report = System.Text.Json.JsonDocument.Parse(body.GetProperty("message").GetString()!).RootElement;
        Assert.That(report.GetProperty("streams").GetProperty("tmp").GetString(), Is.EqualTo("Replace tmp fails: cannot replace with temp option."));
        Assert.That(await Client.GetNamesAsync("/streams"), Is.EqualTo(new[] { "kept" }));
    }

    [Test]
    public async Task A_restore_gives_back_a_temporary_stream_the_backup_holds()
    {
        await SendAsync(HttpMethod.Post, "/streams", Stream("tmp", ", TEMP=\"true\""));
        var earlier = await Client.ExportAsync();
        Assert.That((await Client.ImportContentAsync(EkuiperClient.Document(("streams", "other", Stream("other", "")))).ReadAsync()).Status,
            Is.EqualTo(200));

        var backup = (await Client.BackupsAsync())[0].GetProperty("id").GetString()!;
        using var restore = await Client.RestoreAsync(backup);

        Assert.That((int)restore.StatusCode, Is.EqualTo(200), await restore.Content.ReadAsStringAsync());
        Assert.That(await Client.ExportAsync(), Is.EqualTo(earlier));
    }

    [Test]
    public async Task A_replace_that_changes_SHARED_is_refused_before_a_lower_VERSION_is()
    {
        await SendAsync(HttpMethod.Post, "/streams", Stream("demo", ", SHARED=\"true\", VERSION=\"2\""));

        var unshared = await SendAsync(HttpMethod.Put, "/streams/demo", Stream("demo", ", VERSION=\"1\""));
        AssertGoError(unshared.Status, unshared.Text, unshared.ContentType, 3000,
            "Stream command error: Replace demo fails: do not support to change stream SHARED option.");
        var lower = await SendAsync(HttpMethod.Put, "/streams/demo", Stream("demo", ", SHARED=\"TRUE\", VERSION=\"1\""));
        AssertGoError(lower.Status, lower.Text, lower.ContentType, 3000,
            "Stream command error: source demo already exists with version (2), new version (1) is lower");
        Assert.That((await Client.ExportSectionsAsync())["streams"]["demo"], Is.EqualTo(Stream("demo", ", SHARED=\"true\", VERSION=\"2\"")));

        var higher = await SendAsync(HttpMethod.Put, "/streams/demo", Stream("demo", ", SHARED=\"True\", VERSION=\"3\""));
        Assert.That((higher.Status, higher.Text), Is.EqualTo((200, "Stream demo is replaced.")));
    }

    [Test]
    public async Task SHARED_absent_and_SHARED_false_are_the_same_and_may_replace_each_other()
    {
        await SendAsync(HttpMethod.Post, "/tables", "CREATE TABLE t1 () WITH (DATASOURCE=\"t\")");

        var replaced = await SendAsync(HttpMethod.Put, "/tables/t1", "CREATE TABLE t1 () WITH (DATASOURCE=\"t\", SHARED=\"FALSE\")");
        var shared = await SendAsync(HttpMethod.Put, "/tables/t1", "CREATE TABLE t1 () WITH (DATASOURCE=\"u\", SHARED=\"true\")");

        Assert.That((replaced.Status, replaced.Text), Is.EqualTo((200, "Table t1 is replaced.")));
        AssertGoError(shared.Status, shared.Text, shared.ContentType, 3000,
            "Table command error: Replace t1 fails: do not support to change stream SHARED option.");
    }

    [Test]
    public async Task A_partial_import_reports_a_changed_SHARED_and_writes_the_rest()
    {
        await SendAsync(HttpMethod.Post, "/streams", Stream("demo", ""));
        var document = System.Text.Json.JsonSerializer.Serialize(new
        {
            streams = new Dictionary<string, string> { ["demo"] = Stream("demo", ", SHARED=\"true\""), ["other"] = Stream("other", ", SHARED=\"true\"") },
        });

        var (status, body) = await Client.ImportContentAsync(document, "?partial=1").ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        var report = System.Text.Json.JsonDocument.Parse(body.GetProperty("message").GetString()!).RootElement;
        Assert.That(report.GetProperty("streams").GetProperty("demo").GetString(),
            Is.EqualTo("Replace demo fails: do not support to change stream SHARED option."));
        var exported = (await Client.ExportSectionsAsync())["streams"];
        Assert.That(exported["demo"], Is.EqualTo(Stream("demo", "")));
        Assert.That(exported["other"], Is.EqualTo(Stream("other", ", SHARED=\"true\"")));
    }

    [Test]
    public async Task A_create_of_a_taken_name_says_so_whatever_its_SHARED()
    {
        await SendAsync(HttpMethod.Post, "/streams", Stream("demo", ", SHARED=\"true\""));

        var again = await SendAsync(HttpMethod.Post, "/streams", Stream("demo", ""));

        AssertGoError(again.Status, again.Text, again.ContentType, 3000,
            "Stream command error: Create stream fails: Item demo already exists.");
    }

    /// <summary>The message as Go's %q writes it (printable text: only backslashes and quotes are escaped).</summary>
    private static string Quoted(string message) => "\"" + message.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
