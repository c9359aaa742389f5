using Ekuiper.Application.AsyncTasks;
using Ekuiper.Application.AsyncTasks.Commands.CancelTask;
using Ekuiper.Application.AsyncTasks.Commands.RunAsyncImport;
using Ekuiper.Application.AsyncTasks.Commands.StartAsyncImport;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using Moq;
using static Ekuiper.Application.Tests.TestText;

namespace Ekuiper.Application.Tests.AsyncTasks;

public sealed class CancelTaskTests : HarnessTest
{
    private const string Document = "{\"streams\":{\"s1\":\"CREATE STREAM s1 () WITH (DATASOURCE=\\\"x\\\")\"}}";

    [Test]
    public async Task A_registered_task_is_withdrawn_its_job_cancelled_and_it_never_imports()
    {
        var id = (await App.SendAsync(new StartAsyncImport(new ImportRuleset(Utf8(Document), null, ImportMode.Reset)))).Id;

        await App.SendAsync(new CancelTask(id));
        var endedIn = (await App.SendAsync(new RunAsyncImport(id))).Status; // the job, had it started anyway

        App.Scheduler.Verify(s => s.CancelImport("job-of-" + id), Times.Once);
        var record = await App.TaskAsync(id);
        Assert.That(record!.Status, Is.EqualTo(AsyncTaskStatus.Cancel));
        Assert.That(record.Message, Is.EqualTo(AsyncTaskMessages.CancelledBeforeStart));
        Assert.That(record.Content, Is.Null, "the document is dropped once the task ends");
        Assert.That(endedIn, Is.EqualTo(AsyncTaskStatus.Cancel));
        Assert.That(await App.StreamNamesAsync(), Is.Empty);
    }

    [TestCase(AsyncTaskStatus.Finish)]
    [TestCase(AsyncTaskStatus.Error)]
    [TestCase(AsyncTaskStatus.Cancel)]
    public async Task A_finished_task_is_refused_and_left_as_it_is(string status)
    {
        await App.AddTaskAsync("dataImport-1-done", status, "as it ended");

        var error = Assert.ThrowsAsync<InvalidRequestException>(() => App.SendAsync(new CancelTask("dataImport-1-done")));

        Assert.That(error!.Message, Is.EqualTo($"async task dataImport-1-done has already finished with status {status}"));
        var record = await App.TaskAsync("dataImport-1-done");
        Assert.That((record!.Status, record.Message), Is.EqualTo((status, "as it ended")));
        App.Scheduler.Verify(s => s.CancelImport(It.IsAny<string>()), Times.Never);
    }

    [Test]
    public void An_unknown_task_is_not_found_in_eKuipers_words()
    {
        var error = Assert.ThrowsAsync<InvalidRequestException>(() => App.SendAsync(new CancelTask("dataImport-1-nothing")));

        Assert.That(error!.Message, Is.EqualTo("async task: dataImport-1-nothing not found"));
    }
}
