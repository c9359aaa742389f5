using System.Text.Json.Serialization;

namespace Ekuiper.Application.Artifacts;

/// <summary>A JavaScript function as GET /udf/javascript/{id} shows it: eKuiper's four fields.</summary>
public sealed class ScriptDto
{
    [JsonPropertyName("id")] public required string Id { get; init; }

    [JsonPropertyName("description")] public string Description { get; init; } = string.Empty;

    [JsonPropertyName("script")] public string Script { get; init; } = string.Empty;

    [JsonPropertyName("isAgg")] public bool IsAgg { get; init; }
}
