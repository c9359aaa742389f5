using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.AsyncTasks;
using Ekuiper.Domain.Definitions;
using Ekuiper.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>
/// stop=1 and restarts. The test servers never really stop: <see cref="EkuiperApiFactory.Stopper"/> stands in for the
/// real stopper, and the tests assert what it was asked. The real stop (exit code 100) is described in docs/operations.md.
/// </summary>
public sealed class StopAndRestartTests
{
    private static readonly string Stream = EkuiperClient.Document(("streams", "s1", "CREATE STREAM s1 () WITH (DATASOURCE=\"x\")"));

    [Test]
    public async Task Sync_import_with_stop_answers_then_asks_for_the_stop()
    {
        using var factory = new EkuiperApiFactory();
        using var client = factory.CreateClient();

        var (status, body) = await client.ImportContentAsync(Stream, "?stop=1").ReadAsync();

        Assert.That(status, Is.EqualTo(200), body.ToString());
        factory.Stopper.Verify(s => s.StopSoon(), Times.Once);
        Assert.That((await client.ExportSectionsAsync())["streams"].Keys, Is.EquivalentTo(new[] { "s1" }));
    }

    [Test]
    public async Task Async_import_with_stop_finishes_its_task_and_asks_for_the_stop()
    {
        using var factory = new EkuiperApiFactory();
        using var client = factory.CreateClient();

        var task = await client.PollUntilDoneAsync(await client.StartImportIdAsync(Stream, "?partial=1&stop=1"));

        Assert.That(task.Status(), Is.EqualTo("finish"));
        factory.Stopper.Verify(s => s.StopSoon(), Times.Once);
    }

    [TestCase("")]
    [TestCase("?stop=0")]
    [TestCase("?stop=true")]
    public async Task Without_stop_1_the_server_is_not_stopped(string query)
    {
        using var factory = new EkuiperApiFactory();
        using var client = factory.CreateClient();

        var (status, _) = await client.ImportContentAsync(Stream, query).ReadAsync();

        Assert.That(status, Is.EqualTo(200));
        factory.Stopper.Verify(s => s.StopSoon(), Times.Never);
    }

    [Test]
    public async Task An_import_with_failed_entries_or_a_refused_one_does_not_stop_the_server()
    {
        using var factory = new EkuiperApiFactory();
        using var client = factory.CreateClient();

        var (failedStatus, _) = await client.ImportContentAsync(Stream.Replace("CREATE STREAM", "CREATE STwREAM"), "?stop=1").ReadAsync();
        var (refusedStatus, _) = await client.ImportContentAsync("not json", "?stop=1").ReadAsync();
        var task = await client.PollUntilDoneAsync(await client.StartImportIdAsync("not json", "?stop=1"));

        Assert.That(failedStatus, Is.EqualTo(400));
        Assert.That(refusedStatus, Is.EqualTo(400));
        Assert.That(task.Status(), Is.EqualTo("error"));
        factory.Stopper.Verify(s => s.StopSoon(), Times.Never);
    }

    [Test]
    public async Task After_a_restart_finished_tasks_keep_their_record_and_unfinished_ones_read_interrupted()
    {
        var directory = EkuiperApiFactory.NewDataDirectory();
        try
        {
            string finished;
            using (var first = new EkuiperApiFactory(directory))
            using (var client = first.CreateClient())
            {
                finished = await client.StartImportIdAsync(Stream);
                await client.PollUntilDoneAsync(finished);
                // Rows as a server that stopped mid-way leaves them: one task waiting, one importing.
                using var scope = first.Services.CreateScope();
                var store = scope.ServiceProvider.GetRequiredService<ITaskStore>();
                var now = DateTimeOffset.UtcNow;
                store.AsyncTasks.Add(new AsyncTaskRecord { Id = "dataImport-1-waiting", Status = AsyncTaskStatus.Register, CreatedAt = now, UpdatedAt = now });
                store.AsyncTasks.Add(new AsyncTaskRecord { Id = "dataImport-1-running", Status = AsyncTaskStatus.Running, CreatedAt = now, UpdatedAt = now });
                // Another server's task on a shared store (PostgreSQL), whose lease that server keeps renewing.
                store.AsyncTasks.Add(new AsyncTaskRecord
                {
                    Id = "dataImport-1-elsewhere", Status = AsyncTaskStatus.Running, Owner = "elsewhere:/srv/ekuiper/data", CreatedAt = now, UpdatedAt = now,
                    LeaseExpiresAt = now.AddHours(1),
                });
                await store.SaveChangesAsync(CancellationToken.None);
            }

            using var second = new EkuiperApiFactory(directory);
            using var restarted = second.CreateClient();
            var waiting = await restarted.GetTaskAsync("dataImport-1-waiting");
            // SQLite: marked by the start itself. PostgreSQL: by the lease check of the next tick (a row without a lease).
            var running = await restarted.PollTaskAsync("dataImport-1-running", task => task.Status() != "running");
            var done = await restarted.GetTaskAsync(finished);
            var elsewhere = await restarted.GetTaskAsync("dataImport-1-elsewhere");

            if (TestStore.IsPostgreSql)
            {
                // The job queue is shared and outlives a server: a registered task waits for any server's worker.
                Assert.That(waiting.Status(), Is.EqualTo("register"));
                Assert.That(running.Status(), Is.EqualTo("error"));
                Assert.That(running.Message(), Is.EqualTo("interrupted: node unknown stopped"));
            }
            else
            {
                Assert.That(waiting.Status(), Is.EqualTo("error"));
                Assert.That(waiting.Message(), Is.EqualTo(AsyncTaskMessages.InterruptedByRestart));
                Assert.That(running.Status(), Is.EqualTo("error"));
                Assert.That(running.Message(), Is.EqualTo("interrupted by restart"));
            }
            Assert.That(done.Status(), Is.EqualTo("finish"));
            Assert.That(elsewhere.Status(), Is.EqualTo("running"));
            Assert.That(done.Message(), Does.StartWith("{\"ErrorMsg\":\"\""));
            Assert.That((await restarted.ExportSectionsAsync())["streams"].Keys, Is.EquivalentTo(new[] { "s1" }));
            Assert.That(File.Exists(Path.Combine(directory, "tasks.db")), Is.EqualTo(!TestStore.IsPostgreSql));
        }
        finally
        {
            EkuiperApiFactory.DeleteDirectory(directory);
        }
    }
}
