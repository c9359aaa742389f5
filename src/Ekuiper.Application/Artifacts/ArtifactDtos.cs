using System.Text.Json.Serialization;

namespace Ekuiper.Application.Artifacts;

/// <summary>
/// One item of GET /plugins/portables. eKuiper adds the version, language and symbols it reads from the installed
/// package; this server knows only the name until the installer records more.
/// </summary>
public sealed class PortablePluginDto
{
    [JsonPropertyName("name")] public required string Name { get; init; }
}

/// <summary>A JavaScript function as GET /udf/javascript/{id} shows it: eKuiper's four fields.</summary>
public sealed class ScriptDto
{
    [JsonPropertyName("id")] public required string Id { get; init; }

    [JsonPropertyName("description")] public string Description { get; init; } = string.Empty;

    [JsonPropertyName("script")] public string Script { get; init; } = string.Empty;

    [JsonPropertyName("isAgg")] public bool IsAgg { get; init; }
}
