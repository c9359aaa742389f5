using Ekuiper.Bench.Generation;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Sql;

namespace Ekuiper.Bench.Floor;

/// <summary>
/// What the floor takes from the generator instead of working it out: the columns of each stream the import
/// derives from its statement, each rule's triggered flag and listed name and tags (<see cref="RuleListing"/>), and the rows a chosen-rules export must read.
/// </summary>
public sealed record FloorMetadata(
    IReadOnlyList<FloorMetadata.StreamColumns> Streams,
    IReadOnlyList<FloorMetadata.RuleColumns> Rules,
    IReadOnlyList<string> ChosenRuleIds,
    FloorMetadata.Closure Chosen)
{
    public sealed record StreamColumns(string Name, StreamKind Kind, string SourceType, string ConfKey);

    public sealed record RuleColumns(string Id, bool Triggered, string? Name, string? TagsJson);

    public sealed record ConfigKeyName(ConfigCategory Category, string PluginType, string Name);

    /// <summary>The keys of the rows a chosen-rules export holds, per section.</summary>
    public sealed record Closure(
        IReadOnlyList<string> Streams,
        IReadOnlyList<string> Tables,
        IReadOnlyList<string> Rules,
        IReadOnlyList<ConfigKeyName> ConfigKeys,
        IReadOnlyList<string> Scripts);

    public static FloorMetadata Of(SyntheticRuleset ruleset)
    {
        var closure = ruleset.ChosenClosure();
        return new FloorMetadata(
            ruleset.Streams.Select(s => new StreamColumns(s.Name, s.Kind, s.SourceType, s.ConfKey)).ToList(),
            ruleset.Rules.Select(r => new RuleColumns(r.Id, r.Triggered, r.Name, r.TagsJson)).ToList(),
            ruleset.ChosenRuleIds,
            new Closure(
                closure.Streams.Where(s => s.Kind == StreamKind.Stream).Select(s => s.Name).Order(StringComparer.Ordinal).ToList(),
                closure.Streams.Where(s => s.Kind == StreamKind.Table).Select(s => s.Name).Order(StringComparer.Ordinal).ToList(),
                closure.Rules.Select(r => r.Id).Order(StringComparer.Ordinal).ToList(),
                closure.ConfigKeys.Select(k => new ConfigKeyName(k.Category, k.PluginType, k.Name)).ToList(),
                closure.Scripts.Select(a => a.Key).Order(StringComparer.Ordinal).ToList()));
    }
}
