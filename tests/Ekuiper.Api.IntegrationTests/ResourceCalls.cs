using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>Calls to the per-resource endpoints, as a user of eKuiper's REST API makes them.</summary>
public static class ResourceCalls
{
    /// <summary>Sends <paramref name="body"/> as it is, the way eKuiper clients post rule and script JSON.</summary>
    public static Task<HttpResponseMessage> SendTextAsync(this HttpClient client, HttpMethod method, string path, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> CreateStreamAsync(this HttpClient client, string sql, string collection = "streams") =>
        client.PostAsJsonAsync($"/{collection}", new { sql });

    public static Task<HttpResponseMessage> CreateRuleAsync(this HttpClient client, string json) =>
        client.SendTextAsync(HttpMethod.Post, "/rules", json);

    /// <summary>The status and the body as text (eKuiper answers commands in plain text).</summary>
    public static async Task<(int Status, string Text)> ReadTextAsync(this Task<HttpResponseMessage> call)
    {
        using var response = await call;
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A GET that must succeed, its body a JSON array of strings.</summary>
    public static async Task<List<string>> GetNamesAsync(this HttpClient client, string path)
    {
        var (status, text) = await client.GetAsync(path).ReadTextAsync();
        Assert.That(status, Is.EqualTo(200), text);
        return JsonSerializer.Deserialize<List<string>>(text)!;
    }

    /// <summary>
    /// Asserts eKuiper's error shape: the status, the code (<paramref name="code"/>, else 1000, or 1002 for not found)
    /// and the message.
    /// </summary>
    public static void AssertError(this (int Status, JsonElement Body) answer, int status, string message, int? code = null)
    {
        Assert.That(answer.Status, Is.EqualTo(status), answer.Body.ToString());
        Assert.That(answer.Body.GetProperty("error").GetInt32(), Is.EqualTo(code ?? (status == 404 ? 1002 : 1000)));
        Assert.That(answer.Body.GetProperty("message").GetString(), Is.EqualTo(message));
    }

    /// <summary>True when two JSON texts hold the same value, whatever their white space.</summary>
    public static bool SameJson(string left, string right) =>
        JsonElement.DeepEquals(JsonDocument.Parse(left).RootElement, JsonDocument.Parse(right).RootElement);
}
