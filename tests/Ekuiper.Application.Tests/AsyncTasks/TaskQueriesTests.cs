using Ekuiper.Application.AsyncTasks;
using Ekuiper.Application.AsyncTasks.Commands.CancelTask;
using Ekuiper.Application.AsyncTasks.Commands.MarkInterruptedTasks;
using Ekuiper.Application.AsyncTasks.Commands.RenewTaskLeases;
using Ekuiper.Application.AsyncTasks.Queries.GetTask;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Domain.Definitions;
using Ekuiper.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ekuiper.Application.Tests.AsyncTasks;

public sealed class TaskQueriesTests : HarnessTest
{
    [Test]
    public async Task A_running_tasks_progress_reaches_its_row_at_the_next_tick_and_a_cancel_shows_instead()
    {
        await App.AddTaskAsync("dataImport-1-a", AsyncTaskStatus.Running);
        var live = App.Get<LiveImports>();
        live.Add("dataImport-1-a");

        live.Report("dataImport-1-a", 4000, 10000);
        var beforeTick = await App.SendAsync(new GetTask("dataImport-1-a"));
        await App.SendAsync(new RenewTaskLeases());
        var afterTick = await App.SendAsync(new GetTask("dataImport-1-a"));
        var cancel = App.SendAsync(new CancelTask("dataImport-1-a"));
        await WaitUntilAsync(async () => (await App.TaskAsync("dataImport-1-a"))!.CancelRequested);
        live.Report("dataImport-1-a", 5000, 10000);
        await App.SendAsync(new RenewTaskLeases());
        var cancelling = await App.SendAsync(new GetTask("dataImport-1-a"));
        var lease = (await App.TaskAsync("dataImport-1-a"))!.LeaseExpiresAt;

        Assert.That(beforeTick.Message, Is.Empty, "progress is written by the lease renewal, not by each report");
        Assert.That(afterTick.Status, Is.EqualTo("running"));
        Assert.That(afterTick.Message, Is.EqualTo("importing: 4000/10000 entries"));
        Assert.That(cancelling.Message, Is.EqualTo("cancelling"));
        Assert.That(live.Find("dataImport-1-a")!.CancelRequested, Is.True, "the cancel reached the import running here");
        Assert.That(lease, Is.GreaterThan(DateTimeOffset.UtcNow), "the lease was renewed");
        Assert.That(cancel.IsCompleted, Is.False, "the cancel answers once the task has ended");
        // The import rolls back and its job records cancel: only now does the cancel answer.
        await App.InScopeAsync(services => services.GetRequiredService<TaskStoreDbContext>().AsyncTasks
            .Where(t => t.Id == "dataImport-1-a")
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, AsyncTaskStatus.Cancel)));
        Assert.That(async () => await cancel.WaitAsync(TimeSpan.FromSeconds(30)), Throws.Nothing);
    }

    [Test]
    public async Task A_running_task_that_is_no_longer_this_servers_is_stopped_at_the_next_tick()
    {
        await App.AddTaskAsync("dataImport-1-b", AsyncTaskStatus.Running, owner: "another-node");
        var live = App.Get<LiveImports>().Add("dataImport-1-b");

        await App.SendAsync(new RenewTaskLeases());

        Assert.That(live.CancelRequested, Is.True);
        Assert.That((await App.TaskAsync("dataImport-1-b"))!.LeaseExpiresAt, Is.Null, "another server's task is not renewed");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "timed out");
            await Task.Delay(20);
        }
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
        var error = Assert.ThrowsAsync<InvalidRequestException>(() => App.SendAsync(new GetTask("dataImport-1-x")));

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
