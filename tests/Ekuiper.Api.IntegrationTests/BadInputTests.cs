using System.Text;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>
/// Every request of the generated <see cref="BadInputCorpus"/> is answered 4xx with a message in eKuiper's shape,
/// never 5xx, and leaves the store — its export and its revision — exactly as it was.
/// </summary>
public sealed class BadInputTests
{
    private string _data = null!;
    private EkuiperApiFactory _factory = null!;
    private HttpClient _client = null!;

    /// <summary>A server whose only file root is its import/ folder, so that files elsewhere in temp are outside.</summary>
    [SetUp]
    public void StartServer()
    {
        _data = EkuiperApiFactory.NewDataDirectory();
        _factory = new EkuiperApiFactory(_data, new Dictionary<string, string?> { ["Ekuiper:FileRoots:0"] = Path.Combine(_data, "import") });
        _client = _factory.CreateClient();
    }

    [TearDown]
    public void StopServer()
    {
        _client.Dispose();
        _factory.Dispose();
        EkuiperApiFactory.DeleteDirectory(_data);
        EkuiperApiFactory.DeleteDirectory(_data + "-outside");
    }

    [Test]
    public async Task Every_malformed_request_is_a_4xx_with_a_message_and_changes_nothing()
    {
        var (status, seeded) = await _client.ImportContentAsync(EkuiperClient.SeedExampleWithoutPlugins).ReadAsync();
        Assert.That(status, Is.EqualTo(200), seeded.ToString());
        Directory.CreateDirectory(_data + "-outside");
        var outside = Path.Combine(_data + "-outside", "outside-the-roots.json");
        await File.WriteAllTextAsync(outside, "{}");
        var invalidUtf8 = Path.Combine(_data, "import", "invalid-utf8.json");
        await File.WriteAllBytesAsync(invalidUtf8, [.. Encoding.UTF8.GetBytes("{\"streams\":{\"a\":\""), 0xff, 0xfe, .. Encoding.UTF8.GetBytes("\"}}")]);
        var corpus = BadInputCorpus.Generate(EkuiperClient.SeedExampleWithoutPlugins, outside, invalidUtf8, Path.Combine(_data, "import"));
        var (before, etag) = await _client.ExportWithETagAsync();

        var failures = new List<string>();
        int clientErrors = 0, serverErrors = 0, changes = 0;
        foreach (var input in corpus)
        {
            using var response = await _client.SendAsync(input.ToRequest());
            var code = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            var problem = code >= 500 ? "5xx"
                : code < 400 ? "not refused"
                : !HasMessage(text) ? "no eKuiper error body"
                : null;
            clientErrors += code is >= 400 and < 500 ? 1 : 0;
            serverErrors += code >= 500 ? 1 : 0;
            var (after, etagAfter) = await _client.ExportWithETagAsync();
            if (!after.SequenceEqual(before) || etagAfter != etag)
            {
                changes++;
                problem = (problem is null ? "" : problem + ", ") + "store changed";
                before = after;
                etag = etagAfter;
            }
            if (problem is not null)
            {
                failures.Add($"{input.Name}: {problem}: {code} {Shorten(text)}");
            }
        }

        var kinds = corpus.GroupBy(input => input.Name.Split(':', ' ')[0] switch
        {
            "/data/import" or "/async/data/import" => "bodies",
            "full" or "partial" => "documents",
            "entry" => "entries",
            "file" => "files",
            _ => "queries and headers",
        }).Select(g => $"{g.Count()} {g.Key}");
        TestContext.Out.WriteLine($"bad-input corpus: {corpus.Count} requests ({string.Join(", ", kinds)}), {clientErrors} answered 4xx, " +
                                  $"{serverErrors} answered 5xx, {changes} changed the store, {failures.Count} failures");
        Assert.That(corpus, Has.Count.GreaterThanOrEqualTo(200));
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }

    private static bool HasMessage(string text)
    {
        try
        {
            using var body = System.Text.Json.JsonDocument.Parse(text);
            return body.RootElement.GetProperty("error").GetInt32() is 1000 or 1002 or 3000
                   && !string.IsNullOrWhiteSpace(body.RootElement.GetProperty("message").GetString());
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
