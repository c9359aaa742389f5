using System.Net.Http.Json;
using System.Text.Json;
using Ekuiper.Application.AsyncTasks;
using Ekuiper.Application.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Ekuiper.Api.IntegrationTests;

public sealed class AsyncImportTests
{
    private EkuiperApiFactory? _factory;
    private HttpClient _client = null!;
    private ImportProgressProbe? _probe;

    /// <param name="holdImports">Hold every background import after each written batch (see <see cref="ImportProgressProbe"/>).</param>
    private void StartServer(bool holdImports = false)
    {
        _factory = new EkuiperApiFactory(services: holdImports
            ? services =>
            {
                services.AddSingleton<ImportProgressProbe>();
                services.AddSingleton<IImportProgress>(provider => provider.GetRequiredService<ImportProgressProbe>());
            }
            : null);
        _client = _factory.CreateClient();
        _probe = holdImports ? _factory.Services.GetRequiredService<ImportProgressProbe>() : null;
    }

    [TearDown]
    public void StopServer()
    {
        _probe?.RunFreely();
        _client?.Dispose();
        _factory?.Dispose();
    }

    [Test]
    public async Task Async_import_answers_an_id_at_once_and_its_task_finishes_with_the_import_answer()
    {
        StartServer();

        var id = await _client.StartImportIdAsync(EkuiperClient.SeedExampleWithoutPlugins);
        var task = await _client.PollUntilDoneAsync(id);

        Assert.That(id, Does.Match("^dataImport-[0-9]+-[0-9a-f]{8}$"));
        Assert.That(task.GetProperty("id").GetString(), Is.EqualTo(id));
        Assert.That(task.Status(), Is.EqualTo("finish"), task.ToString());
        var answer = JsonDocument.Parse(task.Message()).RootElement;
        Assert.That(answer.GetProperty("ErrorMsg").GetString(), Is.Empty);
        Assert.That(answer.GetProperty("ConfigResponse").EnumerateObject().Count(), Is.EqualTo(12));
        var created = task.GetProperty("createdTimestamp").GetInt64();
        Assert.That(task.GetProperty("updatedTimestamp").GetInt64(), Is.GreaterThanOrEqualTo(created));
        Assert.That(created, Is.EqualTo(long.Parse(id.Split('-')[1])), "unix seconds, as in eKuiper and the id");
        var export = await _client.ExportSectionsAsync();
        Assert.That(export["rules"].Keys, Is.EquivalentTo(new[] { "rule1", "rule2" }));
    }

    [Test]
    public async Task Twenty_async_imports_back_to_back_get_distinct_ids_all_finish_and_the_last_one_wins()
    {
        StartServer();
        var documents = Enumerable.Range(0, 20).Select(i => EkuiperClient.Document(
            ("streams", $"s{i}", $"CREATE STREAM s{i} () WITH (DATASOURCE=\"t{i}\")"),
            ("rules", $"r{i}", $"{{\"id\":\"r{i}\",\"sql\":\"SELECT * FROM s{i}\",\"actions\":[{{\"log\":{{}}}}]}}"))).ToList();

        var ids = new List<string>();
        foreach (var document in documents)
        {
            ids.Add(await _client.StartImportIdAsync(document));
        }
        var tasks = new List<JsonElement>();
        foreach (var id in ids)
        {
            tasks.Add(await _client.PollUntilDoneAsync(id));
        }

        Assert.That(ids.Distinct().Count(), Is.EqualTo(20));
        Assert.That(tasks.Select(t => t.Status()), Is.All.EqualTo("finish"));
        var export = await _client.ExportSectionsAsync();
        var last = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(documents[^1])!;
        Assert.That(export["streams"], Is.EquivalentTo(last["streams"]));
        Assert.That(export["rules"], Is.EquivalentTo(last["rules"]));
    }

    [Test]
    public async Task A_sync_import_waits_for_the_running_task_and_a_queued_task_joins_the_line_when_its_worker_starts_it()
    {
        StartServer(holdImports: true);
        var first = await _client.StartImportIdAsync(AsyncTaskClient.LargeDocument(streams: 10, rules: 2000, prefix: "a"));
        await _probe!.BatchWrittenAsync();
        var second = await _client.StartImportIdAsync(EkuiperClient.Document(("streams", "b", "CREATE STREAM b () WITH (DATASOURCE=\"b\")")));

        var sync = _client.ImportContentAsync(EkuiperClient.Document(("streams", "c", "CREATE STREAM c () WITH (DATASOURCE=\"c\")"))).ReadAsync();
        _probe.RunFreely();
        var (syncStatus, syncBody) = await sync;

        Assert.That(syncStatus, Is.EqualTo(200), syncBody.ToString());
        Assert.That((await _client.PollUntilDoneAsync(first)).Status(), Is.EqualTo("finish"));
        Assert.That((await _client.PollUntilDoneAsync(second)).Status(), Is.EqualTo("finish"));
        var export = await _client.ExportSectionsAsync();
        // The sync import joined the line while the first task ran; the second task joined it only when the worker,
        // free again, started it: after the sync import.
        Assert.That(export["streams"].Keys, Is.EquivalentTo(new[] { "b" }), "the queued task ran last");
        Assert.That(export["rules"], Is.Empty);
    }

    [Test]
    public async Task A_large_import_shows_running_with_moving_progress_then_finish()
    {
        StartServer(holdImports: true);

        var id = await _client.StartImportIdAsync(AsyncTaskClient.LargeDocument(streams: 100, rules: 10_000));
        await _probe!.BatchWrittenAsync();
        // The row gets the progress at the next tick of the lease renewal, within about a second; the import is held
        // after each batch, so the row settles on it.
        var early = await _client.PollTaskAsync(id, task => task.Message() == "importing: 100/10100 entries");
        _probe.WriteNextBatch();
        await _probe.BatchWrittenAsync();
        var later = await _client.PollTaskAsync(id, task => task.Message() == "importing: 1100/10100 entries");
        _probe.RunFreely();
        var done = await _client.PollUntilDoneAsync(id);

        Assert.That(early.Status(), Is.EqualTo("running"));
        Assert.That(early.Message(), Is.EqualTo("importing: 100/10100 entries"));
        Assert.That(later.Status(), Is.EqualTo("running"));
        Assert.That(later.Message(), Is.EqualTo("importing: 1100/10100 entries"));
        Assert.That(done.Status(), Is.EqualTo("finish"), done.ToString());
        var export = await _client.ExportSectionsAsync();
        Assert.That(export["rules"], Has.Count.EqualTo(10_000));
        Assert.That(export["streams"], Has.Count.EqualTo(100));
    }

    [Test]
    public async Task Cancel_during_a_large_import_rolls_it_back_and_the_export_is_as_before()
    {
        StartServer(holdImports: true);
        await _client.ImportContentAsync(EkuiperClient.SeedExampleWithoutPlugins);
        var before = await _client.ExportAsync();
        var (_, statusBefore) = await _client.GetAsync("/data/import/status").ReadAsync();

        var id = await _client.StartImportIdAsync(AsyncTaskClient.LargeDocument(streams: 100, rules: 10_000));
        await _probe!.BatchWrittenAsync();
        var cancel = _client.CancelTaskAsync(id);
        var cancelling = await _client.PollTaskAsync(id, task => task.Message() == AsyncTaskMessages.Cancelling);
        _probe.RunFreely();
        using var cancelResponse = await cancel;
        var task = await _client.GetTaskAsync(id);

        Assert.That(cancelling.Status(), Is.EqualTo("running"));
        Assert.That((int)cancelResponse.StatusCode, Is.EqualTo(200));
        Assert.That(await cancelResponse.Content.ReadAsStringAsync(), Is.EqualTo("cancel success"));
        Assert.That(task.Status(), Is.EqualTo("cancel"));
        Assert.That(task.Message(), Is.EqualTo(AsyncTaskMessages.CancelledWhileImporting));
        Assert.That(await _client.ExportAsync(), Is.EqualTo(before));
        var (_, statusAfter) = await _client.GetAsync("/data/import/status").ReadAsync();
        Assert.That(statusAfter.ToString(), Is.EqualTo(statusBefore.ToString()));
    }

    [Test]
    public async Task Cancel_of_a_task_still_waiting_withdraws_it_and_it_never_runs()
    {
        StartServer(holdImports: true);
        var first = await _client.StartImportIdAsync(AsyncTaskClient.LargeDocument(streams: 10, rules: 2000, prefix: "a"));
        await _probe!.BatchWrittenAsync();
        var waiting = await _client.StartImportIdAsync(EkuiperClient.Document(("streams", "b", "CREATE STREAM b () WITH (DATASOURCE=\"b\")")));

        var registered = await _client.GetTaskAsync(waiting);
        var (cancelStatus, _) = await _client.CancelTaskAsync(waiting).ReadTextAsync();
        var cancelled = await _client.GetTaskAsync(waiting);
        _probe.RunFreely();

        Assert.That(registered.Status(), Is.EqualTo("register"));
        Assert.That(cancelStatus, Is.EqualTo(200));
        Assert.That(cancelled.Status(), Is.EqualTo("cancel"));
        Assert.That(cancelled.Message(), Is.EqualTo(AsyncTaskMessages.CancelledBeforeStart));
        Assert.That((await _client.PollUntilDoneAsync(first)).Status(), Is.EqualTo("finish"));
        // A later import runs at once: the withdrawn task gave up its place in line.
        var (syncStatus, _) = await _client.ImportContentAsync(EkuiperClient.Document(("streams", "c", "CREATE STREAM c () WITH (DATASOURCE=\"c\")")), "?partial=1").ReadAsync();
        Assert.That(syncStatus, Is.EqualTo(200));
        var export = await _client.ExportSectionsAsync();
        Assert.That(export["streams"].Keys, Does.Not.Contain("b"));
        Assert.That(export["streams"].Keys, Does.Contain("c"));
        Assert.That((await _client.GetTaskAsync(waiting)).Status(), Is.EqualTo("cancel"));
    }

    [Test]
    public async Task Cancelling_a_finished_task_says_it_has_already_finished()
    {
        StartServer();
        var id = await _client.StartImportIdAsync(EkuiperClient.SeedExampleWithoutPlugins);
        await _client.PollUntilDoneAsync(id);

        var (status, body) = await _client.CancelTaskAsync(id).ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body.GetProperty("error").GetInt32(), Is.EqualTo(1000));
        Assert.That(body.GetProperty("message").GetString(), Is.EqualTo($"async task {id} has already finished with status finish"));
        Assert.That((await _client.GetTaskAsync(id)).Status(), Is.EqualTo("finish"));
    }

    [Test]
    public async Task An_unknown_task_is_400_1000_as_eKuiper_answers_it()
    {
        StartServer();

        var (getStatus, getBody) = await _client.GetAsync("/async/task/dataImport-1-nothing").ReadAsync();
        var (cancelStatus, cancelBody) = await _client.CancelTaskAsync("dataImport-1-nothing").ReadAsync();

        // eKuiper's async manager fails with a plain error (no NOT_FOUND code), which handleError answers 400/1000.
        Assert.That(getStatus, Is.EqualTo(400));
        Assert.That(getBody.GetProperty("error").GetInt32(), Is.EqualTo(1000));
        Assert.That(getBody.GetProperty("message").GetString(), Is.EqualTo("async task: dataImport-1-nothing not found"));
        Assert.That(cancelStatus, Is.EqualTo(400));
        Assert.That(cancelBody.GetProperty("error").GetInt32(), Is.EqualTo(1000));
        Assert.That(cancelBody.GetProperty("message").GetString(), Is.EqualTo("async task: dataImport-1-nothing not found"));
    }

    [Test]
    public async Task Failing_entries_end_the_task_in_error_with_the_per_section_answer()
    {
        StartServer();
        var document = EkuiperClient.SeedExample.Replace("CREATE STREAM demo", "CREATE STwREAM demo");

        var task = await _client.PollUntilDoneAsync(await _client.StartImportIdAsync(document));

        Assert.That(task.Status(), Is.EqualTo("error"));
        Assert.That(task.Message(), Does.StartWith("err:process error, response:"));
        var answer = JsonDocument.Parse(task.Message()["err:process error, response:".Length..]).RootElement;
        Assert.That(answer.GetProperty("ErrorMsg").GetString(), Is.EqualTo("process error"));
        Assert.That(answer.GetProperty("ConfigResponse").GetProperty("streams").GetProperty("demo").GetString(),
            Is.EqualTo("found \"STWREAM\", expected keyword stream or table."));
        var export = await _client.ExportSectionsAsync();
        Assert.That(export["tables"].Keys, Is.EquivalentTo(new[] { "T110" }), "the valid entries land, as with /data/import");
    }

    [Test]
    public async Task A_file_that_cannot_be_read_ends_the_task_in_error_and_changes_nothing()
    {
        StartServer();
        await _client.ImportContentAsync(EkuiperClient.SeedExampleWithoutPlugins);
        var before = await _client.ExportAsync();
        var missing = "/tmp/does-not-exist-" + Guid.NewGuid();

        var (status, body) = await _client.PostAsJsonAsync("/async/data/import", new { file = new Uri(missing).AbsoluteUri }).ReadAsync();
        var task = await _client.PollUntilDoneAsync(body.GetProperty("id").GetString()!);

        Assert.That(status, Is.EqualTo(200));
        Assert.That(task.Status(), Is.EqualTo("error"));
        Assert.That(task.Message(), Does.StartWith($"err:fail to download file file://{missing}"));
        Assert.That(task.Message(), Does.EndWith(", response:null"));
        Assert.That(await _client.ExportAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_body_naming_both_content_and_file_is_refused_before_any_task_is_registered()
    {
        StartServer();

        var (status, body) = await _client.PostAsJsonAsync("/async/data/import", new { content = "{}", file = "file:///tmp/a.json" }).ReadAsync();
        var (_, tasks) = await _client.GetAsync("/async/tasks").ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body.GetProperty("message").GetString(), Is.EqualTo("Invalid body: Cannot specify both content and file"));
        Assert.That(tasks.GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Task_list_shows_the_newest_first()
    {
        StartServer();
        var older = await _client.StartImportIdAsync(EkuiperClient.SeedExampleWithoutPlugins);
        await _client.PollUntilDoneAsync(older);
        var newer = await _client.StartImportIdAsync(EkuiperClient.SeedExampleWithoutPlugins, "?partial=1");
        await _client.PollUntilDoneAsync(newer);

        var (status, tasks) = await _client.GetAsync("/async/tasks").ReadAsync();

        Assert.That(status, Is.EqualTo(200));
        Assert.That(tasks.EnumerateArray().Select(t => t.GetProperty("id").GetString()), Is.EqualTo(new[] { newer, older }));
        Assert.That(tasks.EnumerateArray().Select(t => t.Status()), Is.All.EqualTo("finish"));
    }
}
