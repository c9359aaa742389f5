using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Domain.Ruleset.Validation;

namespace Ekuiper.Application.Plugins;

/// <summary>
/// A kind of plugin as the REST paths name it (sources, sinks, functions, portables), and where its entries live: a
/// native plugin under nativePlugins as "sources_random", a portable plugin under portablePlugins by its name.
/// </summary>
public sealed record PluginKind(string Word)
{
    public const string Portables = "portables";

    public static readonly IReadOnlyList<string> Words = [.. ArtifactEntryValidator.PluginKinds, Portables];

    /// <exception cref="InvalidRequestException">Not one of <see cref="Words"/>.</exception>
    public static PluginKind Of(string word) => Words.Contains(word)
        ? new PluginKind(word)
        : throw new InvalidRequestException($"unknown plugin type {word}: must be one of {string.Join(", ", Words)}");

    public bool IsPortable => Word == Portables;

    /// <summary>How eKuiper's answers name the kind: "sources", "sinks", "functions", "portable".</summary>
    public string Noun => IsPortable ? "portable" : Word;

    public bool IsFunctions => Word == "functions";

    public ArtifactKind ArtifactKind => IsPortable ? ArtifactKind.PortablePlugin : ArtifactKind.NativePlugin;

    public RulesetSection Section => IsPortable ? RulesetSection.PortablePlugins : RulesetSection.NativePlugins;

    /// <summary>The key the plugin is stored and exported under.</summary>
    public string KeyOf(string name) => IsPortable ? name : $"{Word}_{name}";
}
