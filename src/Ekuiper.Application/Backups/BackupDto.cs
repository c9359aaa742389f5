using System.Text.Json.Serialization;

namespace Ekuiper.Application.Backups;

/// <summary>One entry of GET /data/backups.</summary>
public sealed class BackupDto
{
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;

    /// <summary>When it was taken, ISO 8601 in UTC.</summary>
    [JsonPropertyName("time")] public DateTimeOffset Time { get; init; }

    [JsonPropertyName("reason")] public string Reason { get; init; } = string.Empty;

    /// <summary>Size of the backup file in bytes.</summary>
    [JsonPropertyName("size")] public long Size { get; init; }

    /// <summary>Entries per section, by the sections' wire names.</summary>
    [JsonPropertyName("counts")] public IReadOnlyDictionary<string, int> Counts { get; init; } = new Dictionary<string, int>();
}
