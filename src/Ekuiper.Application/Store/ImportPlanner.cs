using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Rules;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Domain.Ruleset.Validation;

namespace Ekuiper.Application.Store;

/// <summary>
/// Checks every entry of a document against the domain rules and the store it will land in, and sorts the entries
/// into what to write and what to report. Pure: it reads the snapshot and writes nothing.
/// </summary>
/// <remarks>
/// Streams and rules, the entries a large document has by the thousand, can be checked in batches
/// (<see cref="CheckStreamsInBatches"/>, <see cref="CheckRulesInBatches"/>), each meant to be written before the
/// next is asked for, so that an import never holds all their definitions at once; the document's values are
/// decoded as they are checked. The plan keeps what later checks need of them: the names and kinds of the streams.
/// Checked in batches or all at once, the plan's report is the same.
/// </remarks>
public static class ImportPlanner
{
    /// <summary>
    /// A plan of the configs and artifacts: what must be installed before any rule is checked, because the functions a
    /// rule may call are only known from the installed packages. Streams and rules follow, all at once
    /// (<see cref="PlanStreams"/>, <see cref="PlanRules"/>) or in batches.
    /// </summary>
    /// <param name="replacesArtifacts">
    /// A REST write of one artifact (<see cref="ImportOptions.ReplacesArtifacts"/>): a stored one of the key is replaced
    /// even where a partial import keeps it.
    /// </param>
    public static ImportPlan PlanConfigsAndArtifacts(Ruleset ruleset, ImportMode mode, StoreSnapshot existing, bool replacesArtifacts = false)
    {
        var plan = new ImportPlan();
        RefuseNul(ruleset, plan);
        PlanConfigs(ruleset, plan);
        PlanArtifacts(ruleset, mode, existing, plan, replacesArtifacts);
        return plan;
    }

    /// <summary>The words of the refusal of an entry that holds U+0000.</summary>
    public const string NulRefused = "the entry holds U+0000 (a NUL character), which the store cannot keep; remove it";

    private static bool HoldsNul(StreamDefinition stream) =>
        new[] { stream.Name, stream.Statement, stream.Version, stream.SourceType, stream.ConfKey, stream.SchemaId }
            .Any(text => text?.Contains('\0') == true);

    /// <summary>Reports every entry holding U+0000 and takes it out of the document, before any other check.</summary>
    private static void RefuseNul(Ruleset ruleset, ImportPlan plan)
    {
        foreach (var (section, key) in ruleset.EntriesHoldingNul().ToList())
        {
            plan.Report.Set(section, key, NulRefused);
            ruleset.Remove(section, key);
        }
    }

    /// <summary>Checks every stream and table at once and adds those that pass to <paramref name="plan"/>.</summary>
    /// <param name="creates">The entries are created, not replaced (<see cref="ImportOptions.Creates"/>).</param>
    public static void PlanStreams(Ruleset ruleset, StoreSnapshot existing, ImportPlan plan, bool creates = false)
    {
        foreach (var batch in CheckStreamsInBatches(ruleset, existing, plan, int.MaxValue, creates))
        {
            plan.Streams.AddRange(batch.Passed);
        }
    }

    /// <summary>Checks every rule at once and adds those that pass to <paramref name="plan"/>.</summary>
    public static void PlanRules(Ruleset ruleset, StoreSnapshot existing, ImportPlan plan)
    {
        foreach (var batch in CheckRulesInBatches(ruleset, existing, plan, int.MaxValue))
        {
            plan.Rules.AddRange(batch.Passed);
        }
    }

    /// <summary>
    /// Checks the streams, then the tables, at most <paramref name="batchSize"/> entries at a time. The names that pass
    /// are claimed in the plan (<see cref="ImportPlan.StreamNames"/>), refused entries reported into its report.
    /// </summary>
    public static IEnumerable<CheckedBatch<StreamDefinition>> CheckStreamsInBatches(Ruleset ruleset, StoreSnapshot existing,
        ImportPlan plan, int batchSize, bool creates = false)
    {
        var entries = SectionKinds.Streams.SelectMany(s => ruleset[s.Section].Select(entry => (s.Section, s.Kind, Entry: entry)));
        foreach (var batch in Batches(entries, batchSize))
        {
            // Parsing a statement reads nothing but the statement, so that part runs on every core; the checks against
            // names claimed earlier in the document then run in document order.
            var results = EntryChecks.InParallel(batch, e => StreamEntryValidator.Validate(e.Kind, e.Entry.Key, e.Entry.Value, acceptsTemp: creates));
            var passed = new List<StreamDefinition>(batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                var (section, _, (key, _)) = batch[i];
                if (ClaimStream(section, key, results[i], existing, plan, creates) is { } error)
                {
                    plan.Report.Set(section, key, error);
                }
                else
                {
                    passed.Add(results[i].Value!);
                }
            }
            yield return new CheckedBatch<StreamDefinition>(passed, batch.Count);
        }
    }

    /// <summary>
    /// Checks the rules against the store overlaid with what the plan lands (a rule may use what comes with it), at
    /// most <paramref name="batchSize"/> entries at a time; refused rules are reported into the plan's report. Ask for
    /// the first batch only once every stream of the plan is checked.
    /// </summary>
    public static IEnumerable<CheckedBatch<RuleDefinition>> CheckRulesInBatches(Ruleset ruleset, StoreSnapshot existing,
        ImportPlan plan, int batchSize)
    {
        var context = RuleContext(existing, plan);
        foreach (var batch in Batches(ruleset[RulesetSection.Rules], batchSize))
        {
            // Each rule is checked on its own against read-only context, so the checks run on every core; the results
            // are taken in document order, which keeps plans and reports the same as one thread would make them.
            var results = EntryChecks.InParallel(batch, entry => CheckRule(entry.Key, entry.Value, existing, context));
            var passed = new List<RuleDefinition>(batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                var (rule, error) = results[i];
                if (error is null)
                {
                    passed.Add(rule!);
                }
                else
                {
                    plan.Report.Set(RulesetSection.Rules, batch[i].Key, error);
                }
            }
            yield return new CheckedBatch<RuleDefinition>(passed, batch.Count);
        }
    }

    private static IEnumerable<List<T>> Batches<T>(IEnumerable<T> entries, int batchSize)
    {
        var batch = new List<T>();
        foreach (var entry in entries)
        {
            batch.Add(entry);
            if (batch.Count == batchSize)
            {
                yield return batch;
                batch = [];
            }
        }
        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    /// <returns>null when the stream lands (its name is then claimed in the plan), else the error to report.</returns>
    private static string? ClaimStream(RulesetSection section, string key, EntryResult<StreamDefinition> result,
        StoreSnapshot existing, ImportPlan plan, bool creates)
    {
        if (!result.IsValid)
        {
            return result.Error;
        }
        if (HoldsNul(result.Value!))
        {
            // The statement's own escapes (\x00, \000, \U00000000 in its literals) decode to U+0000 in its options.
            return NulRefused;
        }
        if (plan.StreamNames.TryGetValue(key, out var first))
        {
            // Streams and tables share one name space; one import may not define a name twice.
            return $"{key} is already defined under {first.Section.WireName()} in this import";
        }
        // As eKuiper's replace: the stored entry of the same kind is compared, SHARED first, then VERSION (an entry of
        // the other kind is not the "old" definition there, and nothing is compared). A create compares nothing.
        if (!creates && existing.Streams.TryGetValue(key, out var stored) && stored.Kind == result.Value!.Kind)
        {
            if (existing.SharedStreams.Contains(key) != StreamEntryValidator.IsShared(result.Value.Statement))
            {
                return $"Replace {key} fails: do not support to change stream SHARED option.";
            }
            if (!VersionPolicy.CanReplace(stored.Version, result.Value.Version))
            {
                return VersionPolicy.StreamVersionIsLower(key, stored.Version, result.Value.Version);
            }
        }
        plan.StreamNames[key] = (section, result.Value!.Kind);
        return null;
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
        // A native plugin's sink type follows from its key; a portable plugin's come from its manifest, the stored
        // one's from the snapshot unless this import installs it again, the installed one's from its new row.
        var landing = plan.Artifacts.Select(a => (a.Kind, a.Key)).ToHashSet();
        var sinkTypes = existing.ArtifactKeys.Select(a => ArtifactCapabilities.Of(a.Kind, a.Key))
            .Concat(existing.PortablePlugins.Where(p => !landing.Contains((ArtifactKind.PortablePlugin, p.Name))).Select(ArtifactCapabilities.Of))
            .Concat(plan.Artifacts.Select(ArtifactCapabilities.Of))
            .SelectMany(provided => provided.SinkTypes);
        return new RuleCheckContext(
            name => plan.StreamNames.ContainsKey(name) || existing.Streams.ContainsKey(name),
            existing.Functions.Concat(plan.DeclaredFunctions).Select(f => f.Name).ToHashSet(StringComparer.Ordinal),
            sinkTypes.ToHashSet(StringComparer.Ordinal));
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

    private static void PlanArtifacts(Ruleset ruleset, ImportMode mode, StoreSnapshot existing, ImportPlan plan, bool replacesArtifacts)
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
                if (mode == ImportMode.Partial && !replacesArtifacts && SectionKinds.KeepsExistingOnPartialImport(kind)
                    && existing.ArtifactKeys.Contains((kind, key)))
                {
                    continue; // eKuiper: installed if absent, else left as it is.
                }
                plan.Artifacts.Add(result.Value!);
            }
        }
    }
}
