using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Rules;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Domain.Ruleset.Validation;

namespace Ekuiper.Application.DataImport;

/// <summary>
/// Checks every entry of a document against the domain rules and the store it will land in, and sorts the entries
/// into what to write and what to report. Pure: it reads the snapshot and writes nothing.
/// </summary>
public static class ImportPlanner
{
    /// <summary>
    /// Checks the streams, tables, configs and artifacts. Rules are checked by <see cref="PlanRules"/> once the
    /// artifacts are installed, because the functions a rule may call are only known from the installed packages.
    /// </summary>
    public static ImportPlan Plan(Ruleset ruleset, ImportMode mode, StoreSnapshot existing)
    {
        var plan = new ImportPlan();
        PlanStreams(ruleset, existing, plan);
        PlanConfigs(ruleset, plan);
        PlanArtifacts(ruleset, mode, existing, plan);
        return plan;
    }

    /// <summary>Checks every rule at once and adds those that pass to <paramref name="plan"/> (see <see cref="CheckRulesInBatches"/>).</summary>
    public static void PlanRules(Ruleset ruleset, StoreSnapshot existing, ImportPlan plan)
    {
        foreach (var batch in CheckRulesInBatches(ruleset, existing, plan, int.MaxValue))
        {
            plan.Rules.AddRange(batch.Rules);
        }
    }

    /// <summary>
    /// Checks the rules against the store overlaid with what the plan lands (a rule may use what comes with it), at
    /// most <paramref name="batchSize"/> document entries at a time: each batch is meant to be written before the next
    /// is asked for, so that a 100,000-rule import never holds every rule's definition at once (the document's values
    /// are decoded as they are checked). Refused rules are reported into the plan's report, in document order.
    /// </summary>
    public static IEnumerable<RuleBatch> CheckRulesInBatches(Ruleset ruleset, StoreSnapshot existing, ImportPlan plan, int batchSize)
    {
        var context = RuleContext(existing, plan);
        var entries = new List<KeyValuePair<string, string>>();
        foreach (var entry in ruleset[RulesetSection.Rules])
        {
            entries.Add(entry);
            if (entries.Count == batchSize)
            {
                yield return CheckRules(entries, existing, context, plan.Report);
                entries.Clear();
            }
        }
        if (entries.Count > 0)
        {
            yield return CheckRules(entries, existing, context, plan.Report);
        }
    }

    private static RuleBatch CheckRules(List<KeyValuePair<string, string>> entries, StoreSnapshot existing, RuleCheckContext context,
        ImportReport report)
    {
        // Each rule is checked on its own against read-only context, so the checks run on every core; the results are
        // taken in document order, which keeps plans and reports the same as one thread would make them.
        var checkedRules = EntryChecks.InParallel(entries, entry => CheckRule(entry.Key, entry.Value, existing, context));
        var batch = new RuleBatch(new List<RuleDefinition>(entries.Count), entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var (rule, error) = checkedRules[i];
            if (error is null)
            {
                batch.Rules.Add(rule!);
            }
            else
            {
                report.Set(RulesetSection.Rules, entries[i].Key, error);
            }
        }
        return batch;
    }

    private static (RuleDefinition? Rule, string? Error) CheckRule(string key, string json, StoreSnapshot existing, RuleCheckContext context)
    {
        // The rule's JSON is parsed once: the shape check hands its parse to the dependency analysis.
        var result = RuleEntryValidator.Validate(key, json, out var parsed);
        if (!result.IsValid)
        {
            return (null, result.Error);
        }
        if (existing.RuleVersions.TryGetValue(key, out var storedVersion)
            && !VersionPolicy.CanReplace(storedVersion, result.Value!.Version))
        {
            return (null, VersionPolicy.RuleVersionIsLower(key, storedVersion, result.Value!.Version));
        }
        var error = RuleChecker.AnalyzeAndCheck(parsed, context, out _);
        return error is null ? (result.Value, null) : (null, error);
    }

    private static RuleCheckContext RuleContext(StoreSnapshot existing, ImportPlan plan)
    {
        var sources = existing.Streams.ToDictionary(s => s.Key, s => s.Value.Kind, StringComparer.Ordinal);
        foreach (var stream in plan.Streams)
        {
            sources[stream.Name] = stream.Kind;
        }
        var sinkTypes = existing.ArtifactKeys.Concat(plan.Artifacts.Select(a => (a.Kind, a.Key)))
            .SelectMany(a => ArtifactCapabilities.Of(a.Kind, a.Key).SinkTypes);
        return new RuleCheckContext(
            sources,
            existing.Functions.Concat(plan.DeclaredFunctions).Select(f => f.Name).ToHashSet(StringComparer.Ordinal),
            sinkTypes.ToHashSet(StringComparer.Ordinal));
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
