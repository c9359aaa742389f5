using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Sql;

namespace Ekuiper.Domain.Ruleset;

/// <summary>Which stored definition each section's entries become.</summary>
public static class SectionKinds
{
    public static readonly IReadOnlyList<(RulesetSection Section, ArtifactKind Kind)> Artifacts =
    [
        (RulesetSection.NativePlugins, ArtifactKind.NativePlugin),
        (RulesetSection.PortablePlugins, ArtifactKind.PortablePlugin),
        (RulesetSection.Service, ArtifactKind.Service),
        (RulesetSection.Schema, ArtifactKind.Schema),
        (RulesetSection.Uploads, ArtifactKind.Upload),
        (RulesetSection.Scripts, ArtifactKind.Script),
    ];

    public static readonly IReadOnlyList<(RulesetSection Section, ConfigCategory Category)> Configs =
    [
        (RulesetSection.SourceConfig, ConfigCategory.Source),
        (RulesetSection.SinkConfig, ConfigCategory.Sink),
        (RulesetSection.ConnectionConfig, ConfigCategory.Connection),
    ];

    public static readonly IReadOnlyList<(RulesetSection Section, StreamKind Kind)> Streams =
    [
        (RulesetSection.Streams, StreamKind.Stream),
        (RulesetSection.Tables, StreamKind.Table),
    ];

    public static RulesetSection SectionOf(ArtifactKind kind) => Artifacts.First(a => a.Kind == kind).Section;

    public static RulesetSection SectionOf(ConfigCategory category) => Configs.First(c => c.Category == category).Section;

    public static RulesetSection SectionOf(StreamKind kind) => Streams.First(s => s.Kind == kind).Section;

    /// <summary>Plugins and schemas are only installed when absent on a partial import; everything else is replaced.</summary>
    public static bool KeepsExistingOnPartialImport(ArtifactKind kind) =>
        kind is ArtifactKind.NativePlugin or ArtifactKind.PortablePlugin or ArtifactKind.Schema;
}
