using System.Text.Json;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Application.Backups;

/// <summary>
/// The installed artifact rows a backup carries (<see cref="BackupRecord.ArtifactsJson"/>): kind, key, entry JSON,
/// bundle SHA-256, installed path, functions and a portable plugin's manifest, as they were when it was taken. They keep their blobs referenced, and
/// a restore installs an artifact whose entry is unchanged from its blob instead of fetching its file again.
/// </summary>
public static class BackupArtifacts
{
    public static string Write(IEnumerable<ArtifactDefinition> artifacts) => JsonText.Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var artifact in artifacts)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", artifact.Kind.ToString());
            writer.WriteString("key", artifact.Key);
            writer.WriteString("json", artifact.Json);
            writer.WriteString("sha256", artifact.Sha256);
            writer.WriteString("installedPath", artifact.InstalledPath);
            writer.WriteString("functions", artifact.FunctionsJson);
            if (artifact.PluginInfoJson is not null)
            {
                writer.WriteString("pluginInfo", artifact.PluginInfoJson);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    });

    /// <summary>Reads <see cref="Write"/> back; null, or anything else, reads as no rows (a backup of an older version).</summary>
    public static List<ArtifactDefinition> Read(string? json)
    {
        if (json is null)
        {
            return [];
        }
        try
        {
            return (JsonSerializer.Deserialize<List<Row>>(json) ?? [])
                .Where(row => row is { Key: not null, Json: not null } && Enum.TryParse<ArtifactKind>(row.Kind, out _))
                .Select(row => new ArtifactDefinition
                {
                    Kind = Enum.Parse<ArtifactKind>(row.Kind!),
                    Key = row.Key!,
                    Json = row.Json!,
                    Sha256 = row.Sha256,
                    InstalledPath = row.InstalledPath,
                    FunctionsJson = row.Functions,
                    PluginInfoJson = row.PluginInfo,
                })
                .ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private sealed record Row(
        [property: System.Text.Json.Serialization.JsonPropertyName("kind")] string? Kind,
        [property: System.Text.Json.Serialization.JsonPropertyName("key")] string? Key,
        [property: System.Text.Json.Serialization.JsonPropertyName("json")] string? Json,
        [property: System.Text.Json.Serialization.JsonPropertyName("sha256")] string? Sha256,
        [property: System.Text.Json.Serialization.JsonPropertyName("installedPath")] string? InstalledPath,
        [property: System.Text.Json.Serialization.JsonPropertyName("functions")] string? Functions,
        [property: System.Text.Json.Serialization.JsonPropertyName("pluginInfo")] string? PluginInfo = null);
}
