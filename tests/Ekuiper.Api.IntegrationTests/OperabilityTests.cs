using System.Globalization;
using System.Text.RegularExpressions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.DataImport;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>/healthz, /readyz, /metrics, the request log and the import warnings (docs/operations.md).</summary>
public sealed class OperabilityTests : ServerTest
{
    private static readonly string GoodStream = EkuiperClient.Document(("streams", "s1", "CREATE STREAM s1 () WITH (DATASOURCE=\"s1\")"));

    /// <summary>One good stream and one whose statement does not parse: a failed (partial) import.</summary>
    private static readonly string OneBadStream = EkuiperClient.Document(
        ("streams", "s2", "CREATE STREAM s2 () WITH (DATASOURCE=\"s2\")"),
        ("streams", "bad", "CREATE STREAM bad ( WITH"));

    [Test]
    public async Task Healthz_says_the_server_is_alive()
    {
        var (status, body) = await Client.GetAsync("/healthz").ReadAsync();

        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task Readyz_is_ready_when_the_store_and_the_job_storage_answer()
    {
        await StartedAsync();
        var (status, body) = await Client.GetAsync("/readyz").ReadAsync();

        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        Assert.That(body.GetProperty("checks").GetProperty("store").GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        Assert.That(body.GetProperty("checks").GetProperty("jobs").GetProperty("status").GetString(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task Readyz_answers_503_naming_the_store_when_it_cannot_be_reached()
    {
        await StartedAsync();
        Assert.That((await Client.GetAsync("/readyz").ReadAsync()).Status, Is.EqualTo(200));

        await MakeStoreUnreachableAsync();
        var (status, body) = await Client.GetAsync("/readyz").ReadAsync();

        Assert.That(status, Is.EqualTo(503), body.ToString());
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Unhealthy"));
        var store = body.GetProperty("checks").GetProperty("store");
        Assert.That(store.GetProperty("status").GetString(), Is.EqualTo("Unhealthy"));
        Assert.That(store.GetProperty("description").GetString(), Does.StartWith("the definitions store cannot be reached"));
        // Alive all the same: a supervisor must not restart a server for its database's sake.
        Assert.That((await Client.GetAsync("/healthz").ReadAsync()).Status, Is.EqualTo(200));
    }

    /// <summary>The part of the start after listening is done (StartGateTests: /readyz says starting until then).</summary>
    private Task StartedAsync() =>
        Factory.Services.GetRequiredService<Ekuiper.Infrastructure.Health.StartupGate>().WaitAsync(CancellationToken.None);

    /// <summary>SQLite: the database file is gone. PostgreSQL: the server's database is dropped.</summary>
    private async Task MakeStoreUnreachableAsync()
    {
#if STORE_POSTGRESQL
        var database = new Npgsql.NpgsqlConnectionStringBuilder(TestStore.ConnectionStringFor(Factory.DataDirectory)).Database!;
        await (await PostgresCluster.SharedAsync()).DropDatabaseAsync(database);
#else
        await Task.CompletedTask;
        File.Delete(Path.Combine(Factory.DataDirectory, "ekuiper.db"));
#endif
    }

    [Test]
    public async Task Metrics_count_imports_by_outcome_and_the_entries_they_wrote()
    {
        Assert.That((await Client.ImportContentAsync(OneBadStream, "?partial=1").ReadAsync()).Status, Is.EqualTo(400));
        Assert.That((await Client.ImportContentAsync(GoodStream, "?partial=1").ReadAsync()).Status, Is.EqualTo(200));
        Assert.That((await Client.ImportContentAsync("{not json").ReadAsync()).Status, Is.EqualTo(400));
        Assert.That((await Client.ImportContentAsync(GoodStream, "?partial=1&dryRun=1").ReadAsync()).Status, Is.EqualTo(200));

        var metrics = await ScrapeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Value(metrics, "ekuiper_imports_total", "outcome=\"failed\"", "kind=\"sync\"", "dry_run=\"false\""), Is.EqualTo(1));
            Assert.That(Value(metrics, "ekuiper_imports_total", "outcome=\"ok\"", "kind=\"sync\"", "dry_run=\"false\""), Is.EqualTo(1));
            Assert.That(Value(metrics, "ekuiper_imports_total", "outcome=\"refused\"", "kind=\"sync\"", "dry_run=\"false\""), Is.EqualTo(1));
            Assert.That(Value(metrics, "ekuiper_imports_total", "outcome=\"ok\"", "kind=\"sync\"", "dry_run=\"true\""), Is.EqualTo(1));
            Assert.That(Value(metrics, "ekuiper_import_duration_seconds_count", "outcome=\"ok\"", "dry_run=\"false\""), Is.EqualTo(1));
            // s2 of the failed import and s1 landed; the dry run wrote nothing; "bad" failed.
            Assert.That(Value(metrics, "ekuiper_import_entries_written_total", "section=\"streams\""), Is.EqualTo(2));
            Assert.That(Value(metrics, "ekuiper_import_entries_failed_total", "section=\"streams\""), Is.EqualTo(1));
            Assert.That(Value(metrics, "ekuiper_tasks", "state=\"queued\""), Is.EqualTo(0));
            Assert.That(Value(metrics, "ekuiper_tasks", "state=\"running\""), Is.EqualTo(0));
            // The AspNetCore instrumentation's HTTP server metrics, by route.
            Assert.That(Value(metrics, "http_server_request_duration_seconds_count", "http_route=\"data/import\"", "http_response_status_code=\"400\""),
                Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Each_server_counts_its_own_imports()
    {
        // Servers side by side in one process (as these tests run) each export their own meter's measurements.
        using var other = new EkuiperApiFactory();
        using var otherClient = other.CreateClient();
        Assert.That((await otherClient.ImportContentAsync(GoodStream, "?partial=1").ReadAsync()).Status, Is.EqualTo(200));

        var metrics = await ScrapeAsync();

        Assert.That(metrics, Does.Not.Contain("ekuiper_imports_total{"));
    }

    [Test]
    public async Task Metrics_count_background_imports_and_backups()
    {
        var failed = await Client.StartImportIdAsync(OneBadStream, "?partial=1");
        Assert.That((await Client.PollUntilDoneAsync(failed)).Status(), Is.EqualTo("error"));
        // A full import that changes the store (s1 replaces s2) keeps the backup taken before it.
        var good = await Client.StartImportIdAsync(GoodStream);
        Assert.That((await Client.PollUntilDoneAsync(good)).Status(), Is.EqualTo("finish"));

        var metrics = await ScrapeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Value(metrics, "ekuiper_imports_total", "outcome=\"failed\"", "kind=\"async\""), Is.EqualTo(1));
            Assert.That(Value(metrics, "ekuiper_imports_total", "outcome=\"ok\"", "kind=\"async\""), Is.EqualTo(1));
            Assert.That(Value(metrics, "ekuiper_backups_total"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Each_request_is_logged_once_with_method_path_status_and_elapsed_time()
    {
        Assert.That((await Client.GetAsync("/streams").ReadAsync()).Status, Is.EqualTo(200));
        Assert.That((await Client.GetAsync("/no/such/endpoint").ReadAsync()).Status, Is.EqualTo(404));

        var requests = Factory.Logs.Of("Ekuiper.Requests");
        Assert.That(requests.Where(l => l.Level == LogLevel.Information).Select(l => Regex.Replace(l.Message, @"[\d.]+ ms$", "N ms")),
            Is.EqualTo(new[] { "GET /streams 200 N ms", "GET /no/such/endpoint 404 N ms" }));
        // Nothing of the framework's at Information: the request log is the one line per request.
        Assert.That(Factory.Logs.Lines.Where(l => l.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                                                  && l.Level <= LogLevel.Information), Is.Empty);
    }

    [Test]
    public async Task Probes_that_succeed_stay_out_of_the_request_log()
    {
        Assert.That((await Client.GetAsync("/healthz").ReadAsync()).Status, Is.EqualTo(200));
        await ScrapeAsync();

        Assert.That(Factory.Logs.Of("Ekuiper.Requests").Where(l => l.Level >= LogLevel.Information), Is.Empty);
    }

    [Test]
    public async Task A_failed_import_is_one_warning_with_its_failures_per_section_and_no_stack()
    {
        var started = Factory.Logs.Mark();
        Assert.That((await Client.ImportContentAsync(OneBadStream, "?partial=1").ReadAsync()).Status, Is.EqualTo(400));

        var warnings = Factory.Logs.Of(typeof(ImportObserver).FullName!);
        Assert.That(warnings, Has.Count.EqualTo(1));
        Assert.That(warnings[0].Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(warnings[0].Message, Does.StartWith("Import (sync) failed: 1 of 2 entries refused (streams 1); first: streams bad: "));
        Assert.That(Factory.Logs.Since(started).Where(l => l.Exception is not null), Is.Empty);
    }

    [Test]
    public async Task A_refused_import_and_an_unreachable_plugin_are_warned_about_without_a_stack()
    {
        var started = Factory.Logs.Mark();
        Assert.That((await Client.ImportContentAsync("{not json").ReadAsync()).Status, Is.EqualTo(400));
        var plugin = EkuiperClient.Document(("nativePlugins", "sources_x", "{\"name\":\"x\",\"file\":\"http://127.0.0.1:1/x.zip\"}"));
        Assert.That((await Client.ImportContentAsync(plugin, "?partial=1").ReadAsync()).Status, Is.EqualTo(400));

        var warnings = Factory.Logs.Of(typeof(ImportObserver).FullName!).Select(l => l.Message).ToList();
        Assert.That(warnings, Has.Count.EqualTo(2));
        Assert.That(warnings[0], Does.StartWith("Import (sync) refused: configuration unmarshal with error"));
        Assert.That(warnings[1], Does.StartWith("Import (sync) failed: 1 of 1 entries refused (nativePlugins 1); first: nativePlugins sources_x: fail to download file http://127.0.0.1:1/x.zip"));
        // The artifact client's own request logging (a failed download with its stack) is off.
        var withStack = Factory.Logs.Since(started).Where(l => l.Exception is not null).ToList();
        Assert.That(withStack, Is.Empty, string.Join("\n", withStack));
    }

    [Test]
    public async Task The_job_of_a_failed_background_import_is_marked_failed()
    {
        var started = Factory.Logs.Mark(); // the start-up's own lines (PostgreSQL's first migration logs errors) aside
        var failed = await Client.StartImportIdAsync(OneBadStream, "?partial=1");
        Assert.That((await Client.PollUntilDoneAsync(failed)).Status(), Is.EqualTo("error"));
        var good = await Client.StartImportIdAsync(GoodStream, "?partial=1");
        Assert.That((await Client.PollUntilDoneAsync(good)).Status(), Is.EqualTo("finish"));

        Assert.That(await JobStateAsync(failed), Is.EqualTo("Failed"));
        Assert.That(await JobStateAsync(good), Is.EqualTo("Succeeded"));
        // One warning for the failed import; Hangfire's own "failed to process the job" error is not logged beside it.
        Assert.That(Factory.Logs.Since(started).Where(l => l.Level >= LogLevel.Warning).Select(l => l.Message),
            Is.EqualTo(new[] { Factory.Logs.Of(typeof(ImportObserver).FullName!).Single().Message }));
        Assert.That(Factory.Logs.Of(typeof(ImportObserver).FullName!).Single().Message, Does.StartWith($"Import (async task {failed}) failed: 1 of 2"));
    }

    /// <summary>The final state of the task's Hangfire job, once the job has ended (its task ends just before).</summary>
    private async Task<string?> JobStateAsync(string taskId)
    {
        string jobId;
        using (var scope = Factory.Services.CreateScope())
        {
            jobId = (await scope.ServiceProvider.GetRequiredService<ITaskStore>().AsyncTasks.AsNoTracking()
                .SingleAsync(t => t.Id == taskId)).JobId!;
        }
        using var connection = Factory.Services.GetRequiredService<JobStorage>().GetConnection();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var state = connection.GetStateData(jobId)?.Name;
            if (state is "Failed" or "Succeeded" or "Deleted" || DateTime.UtcNow > deadline)
            {
                return state;
            }
            await Task.Delay(20);
        }
    }

    private async Task<string> ScrapeAsync()
    {
        using var response = await Client.GetAsync("/metrics");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of the one sample of <paramref name="metric"/> whose labels hold all of <paramref name="labels"/>.</summary>
    private static double Value(string metrics, string metric, params string[] labels)
    {
        var samples = metrics.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
            .Where(line => labels.All(label => line.Contains(label, StringComparison.Ordinal)))
            .ToList();
        Assert.That(samples, Has.Count.EqualTo(1), $"{metric} {string.Join(",", labels)} in:\n{metrics}");
        return double.Parse(samples[0][(samples[0].LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }
}
