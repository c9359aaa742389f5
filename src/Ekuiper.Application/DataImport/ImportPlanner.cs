using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Rules;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Domain.Ruleset.Validation;
using Ekuiper.Domain.Sql;

namespace Ekuiper.Application.DataImport;

/// <summary>
/// Checks every entry of a document against the domain rules and the store it will land in, and sorts the entries
/// into what to write and what to report. Pure: it reads the snapshot and writes nothing.
/// </summary>
public static class ImportPlanner
{
    public static ImportPlan Plan(Ruleset ruleset, ImportMode mode, StoreSnapshot existing)
    {
        var plan = new ImportPlan();
        PlanStreams(ruleset, existing, plan);
        PlanConfigs(ruleset, plan);
        PlanArtifacts(ruleset, mode, existing, plan);
        // Rules last: they may read any stream and call any function that lands with them.
        PlanRules(ruleset, existing, RuleContext(existing, plan), plan);
        return plan;
    }

    /// <summary>What the rules of this import may refer to: the store's streams and artifacts overlaid with the plan's.</summary>
    public static RuleCheckContext RuleContext(StoreSnapshot existing, ImportPlan plan)
    {
        var sources = existing.Streams.ToDictionary(s => s.Key, s => s.Value.Kind, StringComparer.Ordinal);
        foreach (var stream in plan.Streams)
        {
            sources[stream.Name] = stream.Kind;
        }
        var capabilities = existing.Capabilities.Concat(plan.Artifacts.Select(ArtifactCapabilities.Of)).ToList();
        return new RuleCheckContext(
            sources,
            capabilities.SelectMany(c => c.Functions).ToHashSet(StringComparer.Ordinal),
            capabilities.SelectMany(c => c.SinkTypes).ToHashSet(StringComparer.Ordinal));
    }

    private static void PlanStreams(Ruleset ruleset, StoreSnapshot existing, ImportPlan plan)
    {
        var claimed = new Dictionary<string, RulesetSection>(StringComparer.Ordinal);
        foreach (var (section, kind) in SectionKinds.Streams)
        {
            foreach (var (key, statement) in ruleset[section])
            {
                var result = StreamEntryValidator.Validate(kind, key, statement);
                string? error = result.Error;
                if (result.IsValid && claimed.TryGetValue(key, out var firstSection))
                {
                    // Streams and tables share one name space; one import may not define a name twice.
                    error = $"{key} is already defined under {firstSection.WireName()} in this import";
                }
                else if (result.IsValid && existing.Streams.TryGetValue(key, out var stored)
                         && !VersionPolicy.CanReplace(stored.Version, result.Value!.Version))
                {
                    error = VersionPolicy.StreamVersionIsLower(key, stored.Version, result.Value!.Version);
                }

                if (error is null)
                {
                    claimed[key] = section;
                    plan.Streams.Add(result.Value!);
                }
                else
                {
                    plan.Report.Set(section, key, error);
                }
            }
        }
    }

    private static void PlanRules(Ruleset ruleset, StoreSnapshot existing, RuleCheckContext context, ImportPlan plan)
    {
        foreach (var (key, json) in ruleset[RulesetSection.Rules])
        {
            var result = RuleEntryValidator.Validate(key, json);
            var error = result.Error;
            if (result.IsValid && existing.RuleVersions.TryGetValue(key, out var storedVersion)
                && !VersionPolicy.CanReplace(storedVersion, result.Value!.Version))
            {
                error = VersionPolicy.RuleVersionIsLower(key, storedVersion, result.Value!.Version);
            }
            error ??= RuleChecker.AnalyzeAndCheck(json, context, out _);

            if (error is null)
            {
                plan.Rules.Add(result.Value!);
            }
            else
            {
                plan.Report.Set(RulesetSection.Rules, key, error);
            }
        }
    }

    private static void PlanConfigs(Ruleset ruleset, ImportPlan plan)
    {
        foreach (var (section, category) in SectionKinds.Configs)
        {
            foreach (var (pluginType, json) in ruleset[section])
            {
                var result = ConfigEntryValidator.Validate(category, pluginType, json);
                if (result.IsValid)
                {
                    plan.ConfigKeys.AddRange(result.Value!);
                }
                else
                {
                    plan.Report.Set(section, pluginType, result.Error!);
                }
            }
        }
    }

    private static void PlanArtifacts(Ruleset ruleset, ImportMode mode, StoreSnapshot existing, ImportPlan plan)
    {
        foreach (var (section, kind) in SectionKinds.Artifacts)
        {
            foreach (var (key, json) in ruleset[section])
            {
                var result = ArtifactEntryValidator.Validate(kind, key, json);
                if (!result.IsValid)
                {
                    plan.Report.Set(section, key, result.Error!);
                    continue;
                }
                if (mode == ImportMode.Partial && SectionKinds.KeepsExistingOnPartialImport(kind)
                    && existing.ArtifactKeys.Contains((kind, key)))
                {
                    continue; // eKuiper: installed if absent, else left as it is.
                }
                plan.Artifacts.Add(result.Value!);
            }
        }
    }
}
