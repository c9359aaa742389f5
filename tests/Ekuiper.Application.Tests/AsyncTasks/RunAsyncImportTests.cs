using System.Text.Json;
using Ekuiper.Application.AsyncTasks;
using Ekuiper.Application.AsyncTasks.Commands.RunAsyncImport;
using Ekuiper.Application.AsyncTasks.Commands.StartAsyncImport;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using Moq;
using static Ekuiper.Application.Tests.TestText;

namespace Ekuiper.Application.Tests.AsyncTasks;

/// <summary>The job's side: each test registers a task as POST /async/data/import does, then runs it as its job would.</summary>
public sealed class RunAsyncImportTests : HarnessTest
{
    private const string Document = "{\"streams\":{\"s1\":\"CREATE STREAM s1 () WITH (DATASOURCE=\\\"x\\\")\"}}";

    private async Task<string> RunAsync(ImportRuleset import)
    {
        var id = (await App.SendAsync(new StartAsyncImport(import))).Id;
        Assert.That((await App.SendAsync(new RunAsyncImport(id, "hangfire-7"))).Status, Is.EqualTo((await App.TaskAsync(id))!.Status));
        return id;
    }

    [Test]
    public async Task A_clean_import_finishes_with_the_import_answer_as_its_message()
    {
        var id = await RunAsync(new ImportRuleset(Utf8(Document), null, ImportMode.Reset));

        var record = await App.TaskAsync(id);
        Assert.That(record!.Status, Is.EqualTo(AsyncTaskStatus.Finish));
        Assert.That(record.JobId, Is.EqualTo("hangfire-7"));
        Assert.That(record.Content, Is.Null, "the document is dropped once the task ends");
        var answer = JsonDocument.Parse(record.Message).RootElement;
        Assert.That(answer.GetProperty("ErrorMsg").GetString(), Is.Empty);
        Assert.That(answer.GetProperty("ConfigResponse").EnumerateObject().Count(), Is.EqualTo(12));
        Assert.That(await App.StreamNamesAsync(), Is.EqualTo(new[] { "s1" }));
        Assert.That(App.Get<LiveImports>().Find(id), Is.Null, "a finished task is no longer live");
        App.Stopper.Verify(s => s.StopSoon(), Times.Never);
    }

    [Test]
    public async Task Stop_in_the_stored_request_reaches_the_import_and_stops_the_server_after_it()
    {
        var id = await RunAsync(new ImportRuleset(Utf8(Document), null, ImportMode.Partial) { Stop = true });

        Assert.That((await App.TaskAsync(id))!.Status, Is.EqualTo(AsyncTaskStatus.Finish));
        App.Stopper.Verify(s => s.StopSoon(), Times.Once);
    }

    [Test]
    public async Task Failed_entries_end_in_error_with_eKuipers_process_error_and_the_per_section_answer()
    {
        var id = await RunAsync(new ImportRuleset(Utf8(Document.Replace("CREATE STREAM", "CREATE STwREAM")), null, ImportMode.Reset));

        var record = await App.TaskAsync(id);
        Assert.That(record!.Status, Is.EqualTo(AsyncTaskStatus.Error));
        const string prefix = "err:process error, response:";
        Assert.That(record.Message, Does.StartWith(prefix));
        var answer = JsonDocument.Parse(record.Message[prefix.Length..]).RootElement;
        Assert.That(answer.GetProperty("ConfigResponse").GetProperty("streams").GetProperty("s1").GetString(),
            Is.EqualTo("found \"STWREAM\", expected keyword stream or table."));
    }

    [Test]
    public async Task A_file_that_cannot_be_fetched_ends_in_error_with_the_fetch_reason()
    {
        App.Fetcher.Setup(f => f.FetchAsync("file:///tmp/gone.json", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new FetchFailedException("file:///tmp/gone.json", "stat /tmp/gone.json: no such file or directory"));

        var id = await RunAsync(new ImportRuleset(null, "file:///tmp/gone.json", ImportMode.Reset));

        var record = await App.TaskAsync(id);
        Assert.That(record!.Status, Is.EqualTo(AsyncTaskStatus.Error));
        Assert.That(record.Message, Is.EqualTo(
            "err:fail to download file file:///tmp/gone.json: stat /tmp/gone.json: no such file or directory, response:null"));
    }

    [Test]
    public async Task A_task_that_is_no_longer_registered_is_not_run_again()
    {
        await App.AddTaskAsync("dataImport-1-old", AsyncTaskStatus.Error, AsyncTaskMessages.InterruptedByRestart);

        var endedIn = (await App.SendAsync(new RunAsyncImport("dataImport-1-old"))).Status;

        Assert.That(endedIn, Is.EqualTo(AsyncTaskStatus.Error));
        Assert.That((await App.TaskAsync("dataImport-1-old"))!.Message, Is.EqualTo(AsyncTaskMessages.InterruptedByRestart));
    }
}
