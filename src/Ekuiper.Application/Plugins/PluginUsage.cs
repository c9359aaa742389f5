using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Rules;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Plugins;

/// <summary>
/// Which stored rules use a plugin, decided from the store as the rule checks decide what a rule needs
/// (<see cref="RuleAnalysis"/>): a rule reading a stream whose TYPE is a source type the plugin provides, a rule with an
/// action of a sink type it provides, or a rule calling a function it provides that nothing else left provides (a
/// built-in, another plugin, a service or a script).
/// </summary>
public static class PluginUsage
{
    /// <summary>The ids of the rules that use <paramref name="plugin"/>, sorted.</summary>
    public static async Task<IReadOnlyList<string>> RulesUsingAsync(IEkuiperDbContext db, IFunctionCatalogue catalogue,
        ArtifactDefinition plugin, CancellationToken cancellationToken)
    {
        var provides = ArtifactCapabilities.Of(plugin);
        var sourceTypes = provides.SourceTypes.ToHashSet(StringComparer.Ordinal);
        var sinkTypes = provides.SinkTypes.ToHashSet(StringComparer.Ordinal);
        var declared = await catalogue.ListAsync(cancellationToken);
        var elsewhere = declared.Where(f => f.Kind != plugin.Kind || f.Key != plugin.Key).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var functions = declared.Where(f => f.Kind == plugin.Kind && f.Key == plugin.Key).Select(f => f.Name)
            .Where(name => !BuiltinCatalogue.Functions.Contains(name) && !elsewhere.Contains(name))
            .ToHashSet(StringComparer.Ordinal);
        var streams = sourceTypes.Count == 0
            ? []
            : (await db.Streams.AsNoTracking().Where(s => sourceTypes.Contains(s.SourceType)).Select(s => s.Name).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        if (streams.Count == 0 && sinkTypes.Count == 0 && functions.Count == 0)
        {
            return [];
        }
        var rules = await db.Rules.AsNoTracking().Select(r => new { r.Id, r.Json }).ToListAsync(cancellationToken);
        return rules
            .Where(r => RuleAnalysis.TryAnalyze(r.Json, out var uses, out _)
                        && (uses.Sources.Any(streams.Contains) || uses.SinkTypes.Any(sinkTypes.Contains) || uses.Functions.Any(functions.Contains)))
            .Select(r => r.Id)
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Refuses to delete a plugin that stored rules use.</summary>
    /// <exception cref="InvalidRequestException">"{prefix}: plugin {name} can't be dropped due to rule references [ids]".</exception>
    public static async Task RefuseIfUsedAsync(IEkuiperDbContext db, IFunctionCatalogue catalogue, ArtifactDefinition plugin, string name,
        string prefix, CancellationToken cancellationToken)
    {
        if (await RulesUsingAsync(db, catalogue, plugin, cancellationToken) is { Count: > 0 } rules)
        {
            throw new InvalidRequestException($"{prefix}: plugin {name} can't be dropped due to rule references [{string.Join(' ', rules)}]");
        }
    }
}
