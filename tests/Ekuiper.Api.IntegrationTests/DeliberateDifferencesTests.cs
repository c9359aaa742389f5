using System.Net.Http.Json;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>
/// The import/export behaviours kept on purpose where eKuiper's would lose data (docs/compatibility.md): one atomic
/// import, a partial flag that is never silently read as "full", and unknown rule ids answered 404.
/// </summary>
public sealed class DeliberateDifferencesTests : ServerTest
{
    private const string OtherStream = """{"streams":{"other":"CREATE STREAM other () WITH (DATASOURCE=\"o\", FORMAT=\"JSON\", TYPE=\"mqtt\")"}}""";

    [TestCase("true")]
    [TestCase("yes")]
    [TestCase("2")]
    [TestCase("TRUE")]
    public async Task A_partial_value_other_than_1_or_0_is_refused_and_the_store_is_kept(string value)
    {
        await Client.ImportContentAsync(EkuiperClient.SeedExample);
        var (before, etag) = await Client.ExportWithETagAsync();

        var (status, body) = await Client.ImportContentAsync(OtherStream, $"?partial={value}").ReadAsync();
        var (after, etagAfter) = await Client.ExportWithETagAsync();

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body.GetProperty("error").GetInt32(), Is.EqualTo(1000));
        Assert.That(body.GetProperty("message").GetString(), Does.StartWith($"invalid partial={value}: use partial=1"));
        Assert.That(after, Is.EqualTo(before), "eKuiper would have run a full import and replaced the store");
        Assert.That(etagAfter, Is.EqualTo(etag));
    }

    [Test]
    public async Task An_async_import_with_partial_true_is_refused_before_a_task_is_registered()
    {
        var (status, body) = await Client.StartImportAsync(OtherStream, "?partial=true").ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body.GetProperty("message").GetString(), Does.StartWith("invalid partial=true"));
        Assert.That((await Client.GetAsync("/async/tasks").ReadAsync()).Body.GetArrayLength(), Is.Zero);
    }

    [TestCase("?partial=0", false)]
    [TestCase("?partial=", false)]
    [TestCase("", false)]
    [TestCase("?partial=1", true)]
    public async Task Partial_1_keeps_the_store_and_0_or_nothing_replaces_it(string query, bool kept)
    {
        await Client.ImportContentAsync(EkuiperClient.SeedExample);

        var (status, _) = await Client.ImportContentAsync(OtherStream, query).ReadTextAsync();
        var streams = (await Client.ExportSectionsAsync())["streams"];

        Assert.That(status, Is.EqualTo(200));
        Assert.That(streams.ContainsKey("other"), Is.True);
        Assert.That(streams.Count > 1, Is.EqualTo(kept));
    }

    [Test]
    public async Task A_full_import_that_is_refused_leaves_everything_as_it_was()
    {
        // eKuiper resets the store before it decodes the document, so the same request leaves it empty there.
        await Client.ImportContentAsync(EkuiperClient.SeedExample);
        var (before, etag) = await Client.ExportWithETagAsync();

        var (status, _) = await Client.ImportContentAsync("""{"streams":{"a":"x"},"rules":[]}""").ReadAsync();
        var (after, etagAfter) = await Client.ExportWithETagAsync();

        Assert.That(status, Is.EqualTo(400));
        Assert.That(after, Is.EqualTo(before));
        Assert.That(etagAfter, Is.EqualTo(etag));
    }

    [Test]
    public async Task A_chosen_rules_export_naming_an_unknown_rule_is_404_even_beside_known_ones()
    {
        await Client.ImportContentAsync(EkuiperClient.SeedExample);
        var known = (await Client.ExportSectionsAsync())["rules"].Keys.First();

        var (status, body) = await Client.PostAsJsonAsync("/data/export", new[] { known, "ghost" }).ReadAsync();

        Assert.That(status, Is.EqualTo(404));
        Assert.That(body.GetProperty("error").GetInt32(), Is.EqualTo(1002));
        Assert.That(body.GetProperty("message").GetString(), Is.EqualTo("rule ghost is not found"));
    }
}
