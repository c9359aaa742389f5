using System.Text.Json;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>?dryRun=1 answers the plan and changes nothing: not the store, its revision, the status nor the files.</summary>
public sealed class DryRunTests : ServerTest
{
    private const string StreamA = "CREATE STREAM a () WITH (DATASOURCE=\"a\")";
    private const string StreamB = "CREATE STREAM b () WITH (DATASOURCE=\"b\")";
    private const string RuleOnA = "{\"id\":\"r1\",\"sql\":\"SELECT * FROM a\",\"actions\":[{\"log\":{}}]}";

    /// <summary>Streams a and b and rule r1 on a.</summary>
    private async Task SeedAsync()
    {
        var (status, body) = await Client.ImportContentAsync(EkuiperClient.Document(
            ("streams", "a", StreamA), ("streams", "b", StreamB), ("rules", "r1", RuleOnA))).ReadAsync();
        Assert.That(status, Is.EqualTo(200), body.ToString());
    }

    private static List<string> Keys(JsonElement plan, string section, string fate) =>
        plan.GetProperty("plan").GetProperty(section).GetProperty(fate).EnumerateArray().Select(e => e.GetString()!).ToList();

    [Test]
    public async Task A_full_dry_run_answers_created_replaced_deleted_unchanged_and_failed_and_changes_nothing()
    {
        await SeedAsync();
        var (before, etag) = await Client.ExportWithETagAsync();
        var status0 = await Client.GetAsync("/data/import/status").ReadAsync();
        var document = EkuiperClient.Document(
            ("streams", "a", StreamA),
            ("streams", "b", "CREATE STREAM b () WITH (DATASOURCE=\"b2\")"),
            ("streams", "c", "CREATE STREAM c () WITH (DATASOURCE=\"c\")"),
            ("streams", "bad", "CREATE STWREAM bad () WITH (DATASOURCE=\"x\")"),
            ("uploads", "notes.txt", "{\"name\":\"notes.txt\",\"content\":\"hello\"}"));

        using var response = await Client.ImportAsync(document, "?dryRun=1");
        var plan = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.That((int)response.StatusCode, Is.EqualTo(200), plan.ToString());
        Assert.That(response.Headers.ETag!.ToString(), Is.EqualTo(etag), "the answer names the revision it was planned against");
        Assert.That(plan.GetProperty("mode").GetString(), Is.EqualTo("full"));
        Assert.That($"\"{plan.GetProperty("revision").GetInt64()}\"", Is.EqualTo(etag));
        Assert.That(Keys(plan, "streams", "created"), Is.EqualTo(new[] { "c" }));
        Assert.That(Keys(plan, "streams", "replaced"), Is.EqualTo(new[] { "b" }));
        Assert.That(Keys(plan, "streams", "unchanged"), Is.EqualTo(new[] { "a" }));
        Assert.That(Keys(plan, "rules", "deleted"), Is.EqualTo(new[] { "r1" }));
        Assert.That(Keys(plan, "uploads", "created"), Is.EqualTo(new[] { "notes.txt" }));
        Assert.That(plan.GetProperty("plan").GetProperty("streams").GetProperty("failed").GetProperty("bad").GetString(),
            Does.Contain("STWREAM"));

        var (after, etagAfter) = await Client.ExportWithETagAsync();
        Assert.That(after, Is.EqualTo(before));
        Assert.That(etagAfter, Is.EqualTo(etag));
        Assert.That((await Client.GetAsync("/data/import/status").ReadAsync()).Body.ToString(), Is.EqualTo(status0.Body.ToString()));
        Assert.That(await Client.BackupsAsync(), Has.Count.EqualTo(1), "only the seed's full import took a backup");
        // The upload was staged to be checked, then thrown away with the rolled-back transaction.
        Assert.That(File.Exists(Path.Combine(Factory.DataDirectory, "uploads", "notes.txt")), Is.False);
        var staging = Path.Combine(Factory.DataDirectory, ".staging");
        Assert.That(Directory.Exists(staging) ? Directory.GetFileSystemEntries(staging) : [], Is.Empty);
    }

    [Test]
    public async Task A_partial_dry_run_deletes_nothing()
    {
        await SeedAsync();

        var (status, plan) = await Client.ImportAsync(
            EkuiperClient.Document(("streams", "c", "CREATE STREAM c () WITH (DATASOURCE=\"c\")")), "?partial=1&dryRun=1").ReadAsync();

        Assert.That(status, Is.EqualTo(200));
        Assert.That(plan.GetProperty("mode").GetString(), Is.EqualTo("partial"));
        Assert.That(Keys(plan, "streams", "created"), Is.EqualTo(new[] { "c" }));
        Assert.That(Keys(plan, "streams", "deleted").Concat(Keys(plan, "rules", "deleted")), Is.Empty);
        Assert.That((await Client.ExportSectionsAsync())["streams"].Keys, Is.EquivalentTo(new[] { "a", "b" }));
    }

    [Test]
    public async Task An_async_dry_run_finishes_with_the_plan_as_its_message_and_changes_nothing()
    {
        await SeedAsync();
        var (before, etag) = await Client.ExportWithETagAsync();

        var id = await Client.StartImportIdAsync(EkuiperClient.Document(("streams", "a", StreamA)), "?dryRun=1");
        var task = await Client.PollUntilDoneAsync(id);

        Assert.That(task.Status(), Is.EqualTo("finish"), task.ToString());
        var plan = JsonDocument.Parse(task.Message()).RootElement;
        Assert.That(Keys(plan, "streams", "unchanged"), Is.EqualTo(new[] { "a" }));
        Assert.That(Keys(plan, "streams", "deleted"), Is.EqualTo(new[] { "b" }));
        Assert.That(Keys(plan, "rules", "deleted"), Is.EqualTo(new[] { "r1" }));
        var (after, etagAfter) = await Client.ExportWithETagAsync();
        Assert.That(after, Is.EqualTo(before));
        Assert.That(etagAfter, Is.EqualTo(etag));
    }

    [TestCase("/data/import")]
    [TestCase("/async/data/import")]
    public async Task A_dry_run_value_that_is_neither_on_nor_off_is_refused_rather_than_imported(string path)
    {
        await SeedAsync();
        var before = await Client.ExportAsync();

        var answer = await Client.PostAsync(path + "?dryRun=yes",
            System.Net.Http.Json.JsonContent.Create(new { content = "{}" })).ReadAsync();

        answer.AssertError(400, "invalid dryRun=yes: use dryRun=1 to preview the import, or leave it out");
        Assert.That(await Client.ExportAsync(), Is.EqualTo(before));
    }
}
