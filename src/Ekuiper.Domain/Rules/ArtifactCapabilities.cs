using System.Text.Json;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset.Validation;

namespace Ekuiper.Domain.Rules;

/// <summary>What an installed artifact adds to rules: SQL functions, sink types and source types.</summary>
public sealed record ArtifactCapabilities(IReadOnlyList<string> Functions, IReadOnlyList<string> SinkTypes, IReadOnlyList<string> SourceTypes)
{
    public static readonly ArtifactCapabilities None = new([], [], []);

    /// <summary>
    /// Reads the capabilities from an artifact's definition: a script is the function named by its id; a native
    /// plugin provides the source, sink or function(s) its key names (a function plugin may list several in
    /// "functions"); portable plugins and services declare theirs in "sources"/"sinks"/"functions" lists.
    /// </summary>
    public static ArtifactCapabilities Of(ArtifactDefinition artifact)
    {
        switch (artifact.Kind)
        {
            case ArtifactKind.Script:
                return new ArtifactCapabilities([artifact.Key.ToLowerInvariant()], [], []);
            case ArtifactKind.NativePlugin when ArtifactEntryValidator.TrySplitPluginKey(artifact.Key, out var kind, out var name):
                return kind switch
                {
                    "sources" => new ArtifactCapabilities([], [], [name]),
                    "sinks" => new ArtifactCapabilities([], [name], []),
                    _ => new ArtifactCapabilities(Lower(ListOrDefault(artifact.Json, "functions", name)), [], []),
                };
            case ArtifactKind.PortablePlugin or ArtifactKind.Service:
                return new ArtifactCapabilities(
                    Lower(ListOrDefault(artifact.Json, "functions", null)),
                    ListOrDefault(artifact.Json, "sinks", null),
                    ListOrDefault(artifact.Json, "sources", null));
            default:
                return None;
        }
    }

    private static IReadOnlyList<string> Lower(IReadOnlyList<string> names) => names.Select(n => n.ToLowerInvariant()).ToList();

    private static IReadOnlyList<string> ListOrDefault(string json, string property, string? fallback)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array)
            {
                var names = list.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!).ToList();
                if (names.Count > 0)
                {
                    return names;
                }
            }
        }
        catch (JsonException)
        {
            // A stored definition was validated on the way in; an unreadable one simply provides nothing extra.
        }
        return fallback is null ? [] : [fallback];
    }
}
