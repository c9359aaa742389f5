using System.Text.Json;
using Ekuiper.Application.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>Every change bumps the store's revision; the export sends it as ETag; If-Match makes imports conditional.</summary>
public sealed class RevisionTests : ServerTest
{
    private const string StreamA = "CREATE STREAM a () WITH (DATASOURCE=\"a\")";
    private static readonly string DocumentA = EkuiperClient.Document(("streams", "a", StreamA));
    private static readonly string DocumentB = EkuiperClient.Document(("streams", "b", "CREATE STREAM b () WITH (DATASOURCE=\"b\")"));

    [Test]
    public async Task The_etag_changes_with_every_change_of_any_kind_and_only_then()
    {
        var tags = new List<string> { await Client.ETagAsync() };
        async Task Step(Task<HttpResponseMessage> call, int status)
        {
            var (actual, body) = await call.ReadTextAsync();
            Assert.That(actual, Is.EqualTo(status), body);
            tags.Add(await Client.ETagAsync());
        }

        await Step(Client.ImportAsync(DocumentA), 200);
        await Step(Client.CreateRuleAsync("{\"id\":\"r\",\"sql\":\"SELECT * FROM a\",\"actions\":[{\"log\":{}}]}"), 201);
        await Step(Client.PostAsync("/rules/r/stop", null), 200);
        await Step(Client.DeleteAsync("/rules/r"), 200);
        await Step(Client.SendTextAsync(HttpMethod.Put, "/metadata/sources/mqtt/confKeys/k", "{\"qos\":1}"), 200);
        await Step(Client.DeleteAsync("/metadata/sources/mqtt/confKeys/k"), 200);
        await Step(Client.DeleteAsync("/streams/a"), 200);
        var changed = tags.Count;
        await Step(Client.CreateRuleAsync("{\"id\":\"q\",\"sql\":\"SELECT * FROM ghost\",\"actions\":[{\"log\":{}}]}"), 400);
        await Step(Client.DeleteAsync("/rules/ghost"), 400); // eKuiper: a plain error, 400
        await Step(Client.ImportAsync(DocumentA, "?dryRun=1"), 200);
        await Step(Client.GetAsync("/data/export"), 200);

        Assert.That(tags.Take(changed).Distinct().Count(), Is.EqualTo(changed), string.Join(" ", tags));
        Assert.That(tags.Skip(changed - 1).Distinct().Count(), Is.EqualTo(1), "refusals, dry runs and reads change nothing");
        Assert.That(tags, Is.All.Match("^\"[0-9]+\"$"), "strong tags");
    }

    [Test]
    public async Task Writes_that_land_what_is_already_stored_leave_the_etag_alone()
    {
        const string rule = "{\"id\":\"r\",\"sql\":\"SELECT * FROM a\",\"actions\":[{\"log\":{}}]}";
        var (first, _) = await Client.ImportAsync(DocumentA).ReadTextAsync();
        var (created, _) = await Client.CreateRuleAsync(rule).ReadTextAsync();
        Assert.That((first, created), Is.EqualTo((200, 201)));
        await Client.PostAsync("/rules/r/start", null); // re-marshals the rule as eKuiper does; a second start changes nothing
        var storedRule = (await Client.GetAsync("/rules/r").ReadTextAsync()).Text;
        var tag = await Client.ETagAsync();

        var answers = new List<int>();
        async Task Again(Task<HttpResponseMessage> call) => answers.Add((await call.ReadTextAsync()).Item1);
        await Again(Client.ImportAsync(DocumentA, "?partial=1"));
        await Again(Client.SendTextAsync(HttpMethod.Put, "/rules/r", storedRule));
        await Again(Client.PostAsync("/rules/r/start", null)); // it runs already
        await Again(Client.SendTextAsync(HttpMethod.Put, "/streams/a", JsonSerializer.Serialize(new { sql = StreamA })));

        Assert.That(answers, Is.EqualTo(new[] { 200, 200, 200, 200 }));
        Assert.That(await Client.ETagAsync(), Is.EqualTo(tag));
    }

    [Test]
    public async Task The_same_full_import_twice_answers_the_same_etag_and_a_different_one_moves_it()
    {
        using var first = await Client.ImportAsync(DocumentA);
        using var second = await Client.ImportAsync(DocumentA);
        using var third = await Client.ImportAsync(DocumentB);

        Assert.That(((int)first.StatusCode, (int)second.StatusCode, (int)third.StatusCode), Is.EqualTo((200, 200, 200)));
        Assert.That(first.Headers.ETag, Is.Not.Null);
        Assert.That(second.Headers.ETag?.ToString(), Is.EqualTo(first.Headers.ETag?.ToString()));
        Assert.That(third.Headers.ETag?.ToString(), Is.Not.EqualTo(first.Headers.ETag?.ToString()));
        Assert.That(await Client.ETagAsync(), Is.EqualTo(third.Headers.ETag?.ToString()));
    }

    [Test]
    public async Task An_import_whose_if_match_is_current_lands_and_answers_the_new_etag()
    {
        await Client.ImportAsync(DocumentA);
        var etag = await Client.ETagAsync();

        using var response = await Client.ImportAsync(DocumentB, ifMatch: etag);

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Headers.ETag!.ToString(), Is.Not.EqualTo(etag));
        Assert.That(response.Headers.ETag!.ToString(), Is.EqualTo(await Client.ETagAsync()));
        Assert.That((await Client.ExportSectionsAsync())["streams"].Keys, Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public async Task An_import_whose_if_match_is_stale_is_refused_with_412_and_changes_nothing()
    {
        await Client.ImportAsync(DocumentA);
        var stale = await Client.ETagAsync();
        await Client.ImportAsync(DocumentB, "?partial=1");
        var (before, current) = await Client.ExportWithETagAsync();

        var answer = await Client.ImportAsync("{}", ifMatch: stale).ReadAsync();

        answer.AssertError(412,
            $"precondition failed: If-Match expects revision {stale.Trim('"')}, but the store is at revision {current.Trim('"')}; " +
            "it was changed since you read it. Nothing was imported: export again (its ETag is the current revision) and retry");
        var (after, afterTag) = await Client.ExportWithETagAsync();
        Assert.That(after, Is.EqualTo(before));
        Assert.That(afterTag, Is.EqualTo(current));
        Assert.That(await Client.BackupsAsync(), Has.Count.EqualTo(1), "a refused full import takes no backup");
    }

    [TestCase("*", 200)]
    [TestCase("W/\"1\"", 412)] // If-Match compares strongly: a weak tag never matches
    [TestCase("\"not-a-revision\"", 412)]
    public async Task If_match_follows_http_for_any_and_weak_tags(string ifMatch, int status)
    {
        await Client.ImportAsync(DocumentA);

        var (actual, body) = await Client.ImportAsync(DocumentB, ifMatch: ifMatch).ReadAsync();

        Assert.That(actual, Is.EqualTo(status), body.ToString());
    }

    [Test]
    public async Task A_list_in_if_match_lands_when_it_names_the_current_revision()
    {
        var current = await Client.ETagAsync();

        var (status, body) = await Client.ImportAsync(DocumentA, ifMatch: $"\"12345\", {current}").ReadAsync();

        Assert.That(status, Is.EqualTo(200), body.ToString());
    }

    [Test]
    public async Task A_malformed_if_match_is_a_400_that_says_how_to_write_it()
    {
        var answer = await Client.ImportAsync(DocumentA, ifMatch: "5").ReadAsync();

        answer.AssertError(400,
            "invalid If-Match header 5: give the ETag of GET /data/export as it was sent, quotes included, e.g. If-Match: \"42\"");
        Assert.That((await Client.ExportSectionsAsync())["streams"], Is.Empty);
    }

    [Test]
    public async Task An_async_import_with_a_stale_if_match_is_refused_at_once()
    {
        var stale = await Client.ETagAsync();
        await Client.ImportAsync(DocumentA);

        var answer = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/async/data/import")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { content = DocumentB }),
            Headers = { { "If-Match", stale } },
        }).ReadAsync();

        Assert.That(answer.Status, Is.EqualTo(412), answer.Body.ToString());
        Assert.That((await Client.GetAsync("/async/tasks").ReadAsync()).Body.GetArrayLength(), Is.Zero, "no task registered");
    }
}

/// <summary>The If-Match of a background import counts when it runs, not when it was posted.</summary>
public sealed class AsyncRevisionTests
{
    [Test]
    public async Task A_task_whose_if_match_went_stale_while_it_waited_fails_and_changes_nothing()
    {
        using var factory = new EkuiperApiFactory(services: services =>
        {
            services.AddSingleton<ImportProgressProbe>();
            services.AddSingleton<IImportProgress>(provider => provider.GetRequiredService<ImportProgressProbe>());
        });
        using var client = factory.CreateClient();
        var probe = factory.Services.GetRequiredService<ImportProgressProbe>();
        try
        {
            var etag = await client.ETagAsync();
            var first = await client.StartImportIdAsync(AsyncTaskClient.LargeDocument(streams: 1, rules: 1500));
            await probe.BatchWrittenAsync(); // the first import holds the line, its revision not yet committed
            using var post = new HttpRequestMessage(HttpMethod.Post, "/async/data/import")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { content = EkuiperClient.Document(("streams", "b", "CREATE STREAM b () WITH (DATASOURCE=\"b\")")) }),
                Headers = { { "If-Match", etag } },
            };
            var (status, created) = await client.SendAsync(post).ReadAsync();
            Assert.That(status, Is.EqualTo(200), "the revision still matched when it was posted");

            probe.RunFreely();
            var firstTask = await client.PollUntilDoneAsync(first);
            var second = await client.PollUntilDoneAsync(created.GetProperty("id").GetString()!);

            Assert.That(firstTask.Status(), Is.EqualTo("finish"));
            var committed = JsonDocument.Parse(firstTask.Message()).RootElement.GetProperty("revision").GetInt64();
            Assert.That(await client.ETagAsync(), Is.EqualTo($"\"{committed}\""), "a finished task's message names the revision it committed");
            Assert.That(second.Status(), Is.EqualTo("error"));
            Assert.That(second.Message(), Does.StartWith($"err:precondition failed: If-Match expects revision {etag.Trim('"')}, but the store is at revision {committed}"));
            Assert.That((await client.ExportSectionsAsync())["streams"].Keys, Is.EqualTo(new[] { "s0" }));
        }
        finally
        {
            probe.RunFreely();
        }
    }
}
