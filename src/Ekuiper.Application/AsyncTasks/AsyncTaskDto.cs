using System.Text.Json.Serialization;

namespace Ekuiper.Application.AsyncTasks;

/// <summary>eKuiper's AsyncTaskStatus, the body of GET /async/task/{id}. Timestamps are unix seconds, as eKuiper's.</summary>
public sealed class AsyncTaskDto
{
    [JsonPropertyName("id")] public string Id { get; set; } = string.Empty;
    [JsonPropertyName("status")] public string Status { get; set; } = string.Empty;
    [JsonPropertyName("message")] public string Message { get; set; } = string.Empty;
    [JsonPropertyName("createdTimestamp")] public long CreatedTimestamp { get; set; }
    [JsonPropertyName("updatedTimestamp")] public long UpdatedTimestamp { get; set; }
}

/// <summary>The answer of POST /async/data/import.</summary>
public sealed record AsyncTaskCreated([property: JsonPropertyName("id")] string Id);
