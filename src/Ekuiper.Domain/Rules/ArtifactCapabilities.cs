using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset.Validation;

namespace Ekuiper.Domain.Rules;

/// <summary>
/// The source or sink type a native plugin adds, read from its key (sources_random, sinks_tdengine). Functions come
/// from <see cref="DeclaredFunction"/>s, which need the installed package.
/// </summary>
public sealed record ArtifactCapabilities(IReadOnlyList<string> SinkTypes, IReadOnlyList<string> SourceTypes)
{
    public static readonly ArtifactCapabilities None = new([], []);

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
