using Ekuiper.Application.AsyncTasks;
using Ekuiper.Application.AsyncTasks.Commands.MarkInterruptedTasks;
using Ekuiper.Application.AsyncTasks.Queries.GetTask;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Domain.Definitions;

namespace Ekuiper.Application.Tests.AsyncTasks;

public sealed class TaskQueriesTests : HarnessTest
{
    [Test]
    public async Task A_running_task_shows_its_live_progress_then_that_it_is_being_cancelled()
    {
        await App.AddTaskAsync("dataImport-1-a", AsyncTaskStatus.Running);
        var live = App.Get<LiveImports>();
        live.Add("dataImport-1-a");

        var before = await App.SendAsync(new GetTask("dataImport-1-a"));
        live.Report("dataImport-1-a", 4000, 10000);
        var during = await App.SendAsync(new GetTask("dataImport-1-a"));
        live.Find("dataImport-1-a")!.RequestCancel();
        var cancelling = await App.SendAsync(new GetTask("dataImport-1-a"));

        Assert.That(before.Message, Is.Empty);
        Assert.That(during.Status, Is.EqualTo("running"));
        Assert.That(during.Message, Is.EqualTo("importing: 4000/10000 entries"));
        Assert.That(cancelling.Message, Is.EqualTo("cancelling"));
    }

    [Test]
    public async Task A_finished_task_shows_its_stored_message_and_unix_second_timestamps()
    {
        await App.AddTaskAsync("dataImport-1-b", AsyncTaskStatus.Finish, "{\"ErrorMsg\":\"\"}");
        var stored = await App.TaskAsync("dataImport-1-b");

        var task = await App.SendAsync(new GetTask("dataImport-1-b"));

        Assert.That((task.Id, task.Status, task.Message), Is.EqualTo(("dataImport-1-b", "finish", "{\"ErrorMsg\":\"\"}")));
        Assert.That(task.CreatedTimestamp, Is.EqualTo(stored!.CreatedAt.ToUnixTimeSeconds()));
        Assert.That(task.UpdatedTimestamp, Is.EqualTo(stored.UpdatedAt.ToUnixTimeSeconds()));
    }

    [Test]
    public void An_unknown_task_is_not_found()
    {
        var error = Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new GetTask("dataImport-1-x")));

        Assert.That(error!.Message, Is.EqualTo("async task: dataImport-1-x not found"));
    }

    [Test]
    public async Task At_start_up_registered_and_running_tasks_become_interrupted_and_finished_ones_stay()
    {
        await App.AddTaskAsync("t-register", AsyncTaskStatus.Register);
        await App.AddTaskAsync("t-running", AsyncTaskStatus.Running);
        await App.AddTaskAsync("t-finish", AsyncTaskStatus.Finish, "done");
        await App.AddTaskAsync("t-cancel", AsyncTaskStatus.Cancel, "cancelled");

        var marked = await App.SendAsync(new MarkInterruptedTasks());

        Assert.That(marked, Is.EqualTo(2));
        foreach (var id in new[] { "t-register", "t-running" })
        {
            var record = await App.TaskAsync(id);
            Assert.That((record!.Status, record.Message), Is.EqualTo(("error", "interrupted by restart")));
        }
        Assert.That((await App.TaskAsync("t-finish"))!.Status, Is.EqualTo("finish"));
        Assert.That((await App.TaskAsync("t-cancel"))!.Message, Is.EqualTo("cancelled"));
    }
}
