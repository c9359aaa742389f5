using System.Text.Json;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Domain.Rules;

/// <summary>
/// Chooses, from a whole store, the chosen rules and everything they need to run elsewhere: the streams and tables
/// they read, the source config key of each (TYPE/CONF_KEY), the sink config keys their actions name by resourceId,
/// the connections those configs select, the plugins, portable plugins, services and scripts that provide their
/// source types, sink types and functions, and the schemas named by SCHEMAID or an action's schemaId.
/// </summary>
public static class RulesetClosure
{
    /// <summary>What each rule depends on, in the rules' order (a rule that does not parse depends on nothing).</summary>
    public static IReadOnlyList<RuleDependencies> Analyze(IEnumerable<RuleDefinition> rules) =>
        rules.Select(rule => RuleAnalysis.TryAnalyze(rule.Json, out var found, out _) ? found : RuleDependencies.None).ToList();

    /// <param name="dependencies">What each chosen rule depends on (<see cref="Analyze"/>), in the same order.</param>
    public static Ruleset.Ruleset Compute(
        IReadOnlyList<RuleDefinition> chosenRules,
        IReadOnlyList<RuleDependencies> dependencies,
        IReadOnlyList<StreamDefinition> allStreams,
        IReadOnlyList<ConfigKey> allConfigKeys,
        IReadOnlyList<ArtifactDefinition> allArtifacts,
        IReadOnlyList<DeclaredFunction> declaredFunctions)
    {
        var sourceNames = dependencies.SelectMany(d => d.Sources).ToHashSet(StringComparer.Ordinal);
        var streams = allStreams.Where(s => sourceNames.Contains(s.Name)).ToList();

        var keysByName = allConfigKeys.ToLookup(k => (k.Category, k.PluginType, k.Name));
        var configKeys = new HashSet<ConfigKey>();
        configKeys.UnionWith(streams.SelectMany(s => keysByName[(ConfigCategory.Source, s.SourceType, s.ConfKey)]));
        configKeys.UnionWith(dependencies.SelectMany(d => d.SinkResources)
            .SelectMany(r => keysByName[(ConfigCategory.Sink, r.SinkType, r.ResourceId)]));
        configKeys.UnionWith(configKeys.Select(SelectedConnection).OfType<(string Type, string Name)>().ToList()
            .SelectMany(c => keysByName[(ConfigCategory.Connection, c.Type, c.Name)]));

        var sourceTypes = streams.Select(s => s.SourceType).ToHashSet(StringComparer.Ordinal);
        var sinkTypes = dependencies.SelectMany(d => d.SinkTypes).ToHashSet(StringComparer.Ordinal);
        var functions = dependencies.SelectMany(d => d.Functions).ToHashSet(StringComparer.Ordinal);
        var schemaNames = streams.Select(s => s.SchemaId).Concat(dependencies.SelectMany(d => d.SchemaIds))
            .OfType<string>().Select(SchemaName).ToHashSet(StringComparer.Ordinal);

        var functionProviders = declaredFunctions.Where(f => functions.Contains(f.Name)).Select(f => (f.Kind, f.Key)).ToHashSet();
        var artifacts = allArtifacts.Where(artifact =>
        {
            if (artifact.Kind == ArtifactKind.Schema)
            {
                var separator = artifact.Key.IndexOf('_');
                return separator > 0 && schemaNames.Contains(artifact.Key[(separator + 1)..]);
            }
            var provides = ArtifactCapabilities.Of(artifact);
            return functionProviders.Contains((artifact.Kind, artifact.Key))
                   || provides.SinkTypes.Any(sinkTypes.Contains)
                   || provides.SourceTypes.Any(sourceTypes.Contains);
        }).ToList();

        return RulesetComposer.Compose(streams, chosenRules, configKeys, artifacts);
    }

    /// <summary>"proto1.Message" names the schema "proto1"; a bare name is the schema itself.</summary>
    private static string SchemaName(string schemaId)
    {
        var dot = schemaId.IndexOf('.');
        return dot > 0 ? schemaId[..dot] : schemaId;
    }

    /// <summary>
    /// The connection a config key reuses through "connectionSelector": "name" (same plugin type, eKuiper 2) or
    /// "type.name" (eKuiper 1).
    /// </summary>
    private static (string Type, string Name)? SelectedConnection(ConfigKey key)
    {
        try
        {
            using var document = JsonDocument.Parse(key.PropertiesJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("connectionSelector", out var selector)
                || selector.ValueKind != JsonValueKind.String || selector.GetString()!.Length == 0)
            {
                return null;
            }
            var value = selector.GetString()!;
            var dot = value.IndexOf('.');
            return dot > 0 ? (value[..dot], value[(dot + 1)..]) : (key.PluginType, value);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
