using System.Text.Json.Serialization;

namespace Ekuiper.Application.Common.Models;

/// <summary>
/// eKuiper's "Configuration" wire shape: twelve maps of key → string, used for import reports and the import status.
/// A flat DTO on purpose (see docs/decisions.md on AutoMapper).
/// </summary>
public sealed class ConfigurationDto
{
    [JsonPropertyName("streams")] public IDictionary<string, string> Streams { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    [JsonPropertyName("tables")] public IDictionary<string, string> Tables { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    [JsonPropertyName("rules")] public IDictionary<string, string> Rules { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    [JsonPropertyName("nativePlugins")] public IDictionary<string, string> NativePlugins { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    [JsonPropertyName("portablePlugins")] public IDictionary<string, string> PortablePlugins { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    [JsonPropertyName("sourceConfig")] public IDictionary<string, string> SourceConfig { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    [JsonPropertyName("sinkConfig")] public IDictionary<string, string> SinkConfig { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    [JsonPropertyName("connectionConfig")] public IDictionary<string, string> ConnectionConfig { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    [JsonPropertyName("Service")] public IDictionary<string, string> Service { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    [JsonPropertyName("Schema")] public IDictionary<string, string> Schema { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    [JsonPropertyName("uploads")] public IDictionary<string, string> Uploads { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    [JsonPropertyName("scripts")] public IDictionary<string, string> Scripts { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>eKuiper's ImportConfigurationStatus: the body of a successful import.</summary>
public sealed class ImportResponseDto
{
    [JsonPropertyName("ErrorMsg")] public string ErrorMsg { get; init; } = string.Empty;
    [JsonPropertyName("ConfigResponse")] public ConfigurationDto ConfigResponse { get; init; } = new();

    /// <summary>
    /// Not eKuiper's: the store revision the import committed. Only a background task's message carries it (a sync
    /// import sends it as the ETag header), so the sync body stays eKuiper's.
    /// </summary>
    [JsonPropertyName("revision")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Revision { get; init; }
}
