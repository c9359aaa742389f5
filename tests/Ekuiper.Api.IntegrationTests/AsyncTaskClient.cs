using System.Net.Http.Json;
using System.Text.Json;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>The calls a user of the async API makes: start an import, poll its task, cancel it.</summary>
public static class AsyncTaskClient
{
    private static readonly string[] FinalStatuses = ["finish", "error", "cancel"];

    /// <summary>Guards a poll against hanging the run; never reached when the server behaves.</summary>
    private static readonly TimeSpan PollLimit = TimeSpan.FromMinutes(2);

    public static Task<HttpResponseMessage> StartImportAsync(this HttpClient client, string content, string query = "") =>
        client.PostAsJsonAsync("/async/data/import" + query, new { content });

    /// <summary>Starts an import and answers its task id, asserting the 200.</summary>
    public static async Task<string> StartImportIdAsync(this HttpClient client, string content, string query = "")
    {
        var (status, body) = await client.StartImportAsync(content, query).ReadAsync();
        Assert.That(status, Is.EqualTo(200), body.ToString());
        return body.GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> GetTaskAsync(this HttpClient client, string id)
    {
        var (status, body) = await client.GetAsync($"/async/task/{id}").ReadAsync();
        Assert.That(status, Is.EqualTo(200), body.ToString());
        return body;
    }

    public static Task<HttpResponseMessage> CancelTaskAsync(this HttpClient client, string id) =>
        client.PostAsync($"/async/task/{id}/cancel", content: null);

    /// <summary>Polls the task until <paramref name="until"/> holds for it.</summary>
    public static async Task<JsonElement> PollTaskAsync(this HttpClient client, string id, Func<JsonElement, bool> until)
    {
        var deadline = DateTime.UtcNow + PollLimit;
        while (true)
        {
            var task = await client.GetTaskAsync(id);
            if (until(task))
            {
                return task;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"task {id} never reached the awaited state; last seen {task}");
            }
            await Task.Delay(20);
        }
    }

    /// <summary>Polls the task until it finished, failed or was cancelled.</summary>
    public static Task<JsonElement> PollUntilDoneAsync(this HttpClient client, string id) =>
        client.PollTaskAsync(id, task => FinalStatuses.Contains(task.Status()));

    public static string Status(this JsonElement task) => task.GetProperty("status").GetString()!;

    public static string Message(this JsonElement task) => task.GetProperty("message").GetString()!;

    /// <summary>A document of <paramref name="streams"/> streams and <paramref name="rules"/> rules reading them.</summary>
    public static string LargeDocument(int streams, int rules, string prefix = "")
    {
        var streamEntries = Enumerable.Range(0, streams).ToDictionary(
            i => $"{prefix}s{i}", i => $"CREATE STREAM {prefix}s{i} () WITH (DATASOURCE=\"t{i}\", FORMAT=\"JSON\")");
        var ruleEntries = Enumerable.Range(0, rules).ToDictionary(
            i => $"{prefix}r{i}",
            i => $"{{\"id\":\"{prefix}r{i}\",\"sql\":\"SELECT * FROM {prefix}s{i % streams}\",\"actions\":[{{\"log\":{{}}}}]}}");
        return JsonSerializer.Serialize(new { streams = streamEntries, rules = ruleEntries });
    }
}
