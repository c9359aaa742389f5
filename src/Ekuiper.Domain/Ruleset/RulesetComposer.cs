using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset.Validation;

namespace Ekuiper.Domain.Ruleset;

/// <summary>Turns stored definitions back into a document: the one place that knows which definition goes where.</summary>
public static class RulesetComposer
{
    public static Ruleset Compose(
        IEnumerable<StreamDefinition> streams,
        IEnumerable<RuleDefinition> rules,
        IEnumerable<ConfigKey> configKeys,
        IEnumerable<ArtifactDefinition> artifacts)
    {
        var ruleset = new Ruleset();
        foreach (var stream in streams)
        {
            ruleset.Set(SectionKinds.SectionOf(stream.Kind), stream.Name, stream.Statement);
        }
        foreach (var rule in rules)
        {
            ruleset.Set(RulesetSection.Rules, rule.Id, rule.Json);
        }
        foreach (var type in configKeys.GroupBy(k => (k.Category, k.PluginType)))
        {
            ruleset.Set(SectionKinds.SectionOf(type.Key.Category), type.Key.PluginType, ConfigEntryComposer.Compose(type));
        }
        foreach (var artifact in artifacts)
        {
            ruleset.Set(SectionKinds.SectionOf(artifact.Kind), artifact.Key, artifact.Json);
        }
        return ruleset;
    }
}
