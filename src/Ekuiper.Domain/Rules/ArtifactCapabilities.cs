using Ekuiper.Domain.Artifacts;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset.Validation;

namespace Ekuiper.Domain.Rules;

/// <summary>
/// The source and sink types an artifact adds: a native plugin's from its key (sources_random, sinks_tdengine), a
/// portable plugin's from its manifest (<see cref="PortablePluginInfo"/>, kept on the row). Functions come from
/// <see cref="DeclaredFunction"/>s.
/// </summary>
public sealed record ArtifactCapabilities(IReadOnlyList<string> SinkTypes, IReadOnlyList<string> SourceTypes)
{
    public static readonly ArtifactCapabilities None = new([], []);

    /// <summary>What the row provides; a portable plugin's row without <see cref="ArtifactDefinition.PluginInfoJson"/> provides none.</summary>
    public static ArtifactCapabilities Of(ArtifactDefinition artifact) =>
        artifact.Kind == ArtifactKind.PortablePlugin
            ? Of(PortablePluginInfo.Read(artifact.PluginInfoJson))
            : Of(artifact.Kind, artifact.Key);

    public static ArtifactCapabilities Of(PortablePluginInfo? plugin) =>
        plugin is null ? None : new ArtifactCapabilities(plugin.Sinks ?? [], plugin.Sources ?? []);

    /// <summary>What a native plugin provides, read from its key; nothing for other kinds.</summary>
    public static ArtifactCapabilities Of(ArtifactKind kind, string key)
    {
        if (kind != ArtifactKind.NativePlugin || !ArtifactEntryValidator.TrySplitPluginKey(key, out var pluginKind, out var name))
        {
            return None;
        }
        return pluginKind switch
        {
            "sources" => new ArtifactCapabilities([], [name]),
            "sinks" => new ArtifactCapabilities([name], []),
            _ => None,
        };
    }
}
