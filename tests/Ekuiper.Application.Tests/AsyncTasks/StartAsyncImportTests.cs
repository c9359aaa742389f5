using System.Text;
using Ekuiper.Application.AsyncTasks;
using Ekuiper.Application.AsyncTasks.Commands.StartAsyncImport;
using Ekuiper.Application.AsyncTasks.Queries.ListTasks;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using FluentValidation;
using Moq;
using static Ekuiper.Application.Tests.TestText;

namespace Ekuiper.Application.Tests.AsyncTasks;

public sealed class StartAsyncImportTests : HarnessTest
{
    [Test]
    public async Task Registers_the_task_with_its_request_and_queues_its_job()
    {
        var import = new ImportRuleset(Utf8("{\"streams\":{}}"), null, ImportMode.Partial) { Stop = true };

        var created = await App.SendAsync(new StartAsyncImport(import));

        Assert.That(created.Id, Does.Match("^dataImport-[0-9]+-[0-9a-f]{8}$"));
        App.Scheduler.Verify(s => s.EnqueueImport(created.Id), Times.Once);
        var record = await App.TaskAsync(created.Id);
        Assert.That(record!.Status, Is.EqualTo(AsyncTaskStatus.Register));
        var stored = AsyncImportRequest.Parse(record.RequestJson)!.ToImport(created.Id, record.Content);
        // The content is compared as bytes: a record compares memory by where it lies, not by what it holds.
        Assert.That(stored with { Content = null }, Is.EqualTo(import with { Content = null, TaskId = created.Id }));
        Assert.That(Encoding.UTF8.GetString(stored.Content!.Value.Span), Is.EqualTo("{\"streams\":{}}"));
        Assert.That(record.RequestJson, Does.Not.Contain("streams"), "the content is stored apart, as bytes");
        Assert.That(record.JobId, Is.EqualTo("job-of-" + created.Id), "kept for a cancel through any server");
    }

    [Test]
    public async Task Many_imports_in_one_second_get_distinct_ids_and_their_jobs_are_queued_in_order()
    {
        var queued = new List<string>();
        App.Scheduler.Setup(s => s.EnqueueImport(It.IsAny<string>())).Callback<string>(queued.Add).Returns("job");

        var ids = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            ids.Add((await App.SendAsync(new StartAsyncImport(new ImportRuleset(Utf8("{}"), null, ImportMode.Reset)))).Id);
        }

        Assert.That(ids.Distinct().Count(), Is.EqualTo(50));
        Assert.That(queued, Is.EqualTo(ids));
    }

    [Test]
    public async Task A_job_that_cannot_be_queued_leaves_the_task_in_error()
    {
        App.Scheduler.Setup(s => s.EnqueueImport(It.IsAny<string>())).Throws(new InvalidOperationException("storage is gone"));

        Assert.That(() => App.SendAsync(new StartAsyncImport(new ImportRuleset(Utf8("{}"), null, ImportMode.Reset))),
            Throws.InvalidOperationException);

        var record = (await App.SendAsync(new ListTasks())).Single();
        Assert.That(record.Status, Is.EqualTo(AsyncTaskStatus.Error));
        Assert.That(record.Message, Does.Contain("storage is gone"));
    }

    [Test]
    public async Task A_body_with_both_content_and_file_registers_nothing()
    {
        var both = new ImportRuleset(Utf8("{}"), "file:///tmp/a.json", ImportMode.Reset);

        var error = Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new StartAsyncImport(both)));

        Assert.That(error!.Errors.Single().ErrorMessage, Is.EqualTo("Invalid body: Cannot specify both content and file"));
        App.Scheduler.Verify(s => s.EnqueueImport(It.IsAny<string>()), Times.Never);
        Assert.That(await App.SendAsync(new ListTasks()), Is.Empty);
    }
}
