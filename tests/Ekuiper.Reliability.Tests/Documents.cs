using System.Net.Http.Json;
using System.Text.Json;

namespace Ekuiper.Reliability.Tests;

/// <summary>Ruleset documents and the calls the reliability tests make with them.</summary>
public static class Documents
{
    /// <summary>
    /// <paramref name="streams"/> streams and <paramref name="rules"/> rules reading them, every definition marked with
    /// <paramref name="tag"/>, plus an mqtt source config key: the same keys for any tag, different definitions.
    /// </summary>
    public static string Tagged(string tag, int streams, int rules) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["streams"] = Enumerable.Range(0, streams).ToDictionary(
            i => $"s{i}", i => $"CREATE STREAM s{i} () WITH (DATASOURCE=\"{tag}/{i}\", FORMAT=\"JSON\")"),
        ["rules"] = Enumerable.Range(0, rules).ToDictionary(
            i => $"r{i}", i => $"{{\"id\":\"r{i}\",\"sql\":\"SELECT a, \\\"{tag}\\\" AS tag FROM s{i % streams}\",\"actions\":[{{\"log\":{{}}}}]}}"),
        ["sourceConfig"] = new Dictionary<string, string> { ["mqtt"] = $"{{\"default\":{{\"server\":\"tcp://{tag}:1883\"}}}}" },
    });

    /// <param name="ifMatch">An If-Match header to send, as written (quotes included); null for none.</param>
    public static Task<HttpResponseMessage> ImportAsync(this HttpClient client, string content, string query = "", string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/data/import" + query) { Content = JsonContent.Create(new { content }) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request);
    }

    public static async Task<byte[]> ExportAsync(this HttpClient client)
    {
        using var response = await client.GetAsync("/data/export");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The export parsed, as section → key → definition.</summary>
    public static Dictionary<string, Dictionary<string, string>> Sections(byte[] export) =>
        JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(export)!;
}
