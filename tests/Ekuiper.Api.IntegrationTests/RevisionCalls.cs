using System.Net.Http.Json;
using System.Text.Json;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>The calls around the store's revision: exports with their ETag, imports and restores with If-Match.</summary>
public static class RevisionCalls
{
    /// <summary>GET /data/export, asserting the 200: the bytes and the ETag as sent.</summary>
    public static async Task<(byte[] Content, string ETag)> ExportWithETagAsync(this HttpClient client)
    {
        using var response = await client.GetAsync("/data/export");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Headers.ETag, Is.Not.Null, "the export sends its revision as ETag");
        return (await response.Content.ReadAsByteArrayAsync(), response.Headers.ETag!.ToString());
    }

    public static async Task<string> ETagAsync(this HttpClient client) => (await client.ExportWithETagAsync()).ETag;

    /// <summary>POST /data/import with the document as content, an optional query and an optional If-Match.</summary>
    public static Task<HttpResponseMessage> ImportAsync(this HttpClient client, string content, string query = "", string? ifMatch = null) =>
        client.SendAsync(WithIfMatch(new HttpRequestMessage(HttpMethod.Post, "/data/import" + query)
        {
            Content = JsonContent.Create(new { content }),
        }, ifMatch));

    public static Task<HttpResponseMessage> RestoreAsync(this HttpClient client, string backupId, string? ifMatch = null) =>
        client.SendAsync(WithIfMatch(new HttpRequestMessage(HttpMethod.Post, $"/data/backups/{backupId}/restore"), ifMatch));

    /// <summary>GET /data/backups, asserting the 200.</summary>
    public static async Task<List<JsonElement>> BackupsAsync(this HttpClient client)
    {
        var (status, body) = await client.GetAsync("/data/backups").ReadAsync();
        Assert.That(status, Is.EqualTo(200), body.ToString());
        return body.EnumerateArray().ToList();
    }

    private static HttpRequestMessage WithIfMatch(HttpRequestMessage request, string? ifMatch)
    {
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return request;
    }
}
