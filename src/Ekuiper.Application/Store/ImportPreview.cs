using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Application.Store;

/// <summary>What an import would do to one section: keys by fate, and the entries that would fail with their reasons.</summary>
public sealed class SectionPreview
{
    /// <summary>Not stored now; the import adds them.</summary>
    public List<string> Created { get; } = [];

    /// <summary>Stored now with another definition; the import overwrites them.</summary>
    public List<string> Replaced { get; } = [];

    /// <summary>
    /// Stored now and gone afterwards: in a full import, every stored key the document does not bring or brings
    /// only as a failing entry.
    /// </summary>
    public List<string> Deleted { get; } = [];

    /// <summary>Named by the document and stored with the very same definition (or kept as they are).</summary>
    public List<string> Unchanged { get; } = [];

    /// <summary>Entries of the document that would not land, with the error the import would report.</summary>
    public SortedDictionary<string, string> Failed { get; } = new(StringComparer.Ordinal);
}

/// <summary>The answer to a dry run: per section what the import would create, replace, delete, leave and fail.</summary>
public sealed class ImportPreview
{
    private readonly SectionPreview[] _sections = RulesetSections.All.Select(_ => new SectionPreview()).ToArray();

    public SectionPreview this[RulesetSection section] => _sections[(int)section];

    /// <summary>
    /// Compares the store before with the store the plan would leave. Pure: the plan is the checked import (entries
    /// to write and the report), <paramref name="stored"/> everything stored now; nothing is read or written.
    /// </summary>
    public static ImportPreview Compute(Ruleset document, ImportMode mode, StoreContents stored, ImportPlan plan)
    {
        var before = stored.ToRuleset();
        var after = Outcome(mode, stored, plan).ToRuleset();
        var preview = new ImportPreview();
        foreach (var section in RulesetSections.All)
        {
            var fates = preview[section];
            var failed = plan.Report[section];
            foreach (var (key, error) in failed)
            {
                fates.Failed[key] = error;
            }
            foreach (var (key, definition) in after[section])
            {
                if (failed.ContainsKey(key))
                {
                    continue; // a failing entry leaves the stored one as it is (partial import); it is reported as failed
                }
                if (!before[section].TryGetValue(key, out var current))
                {
                    fates.Created.Add(key);
                }
                else if (!string.Equals(current, definition, StringComparison.Ordinal))
                {
                    fates.Replaced.Add(key);
                }
                else if (document[section].ContainsKey(key))
                {
                    fates.Unchanged.Add(key);
                }
            }
            fates.Deleted.AddRange(before[section].Keys.Where(key => !after[section].ContainsKey(key)));
        }
        return preview;
    }

    /// <summary>
    /// The store the writer would leave: a full import holds exactly the plan; a partial one replaces the stored
    /// entries the plan names (by the keys <see cref="RulesetWriter"/> replaces by) and keeps the rest.
    /// </summary>
    private static StoreContents Outcome(ImportMode mode, StoreContents stored, ImportPlan plan)
    {
        if (mode == ImportMode.Reset)
        {
            return new StoreContents(plan.Streams, plan.Rules, plan.ConfigKeys, plan.Artifacts);
        }
        var streams = plan.Streams.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var rules = plan.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var configKeys = plan.ConfigKeys.Select(k => (k.Category, k.PluginType, k.Name)).ToHashSet();
        var artifacts = plan.Artifacts.Select(a => (a.Kind, a.Key)).ToHashSet();
        return new StoreContents(
            [.. stored.Streams.Where(s => !streams.Contains(s.Name)), .. plan.Streams],
            [.. stored.Rules.Where(r => !rules.Contains(r.Id)), .. plan.Rules],
            [.. stored.ConfigKeys.Where(k => !configKeys.Contains((k.Category, k.PluginType, k.Name))), .. plan.ConfigKeys],
            [.. stored.Artifacts.Where(a => !artifacts.Contains((a.Kind, a.Key))), .. plan.Artifacts]);
    }

    /// <summary>
    /// The preview as the dry-run answer: <c>{"revision":…,"mode":"full"|"partial","plan":{"streams":{"created":[…],
    /// "replaced":[…],"deleted":[…],"unchanged":[…],"failed":{key:error}},…}}</c>, sections in eKuiper's order, keys
    /// sorted.
    /// </summary>
    public string ToJson(long revision, ImportMode mode) => JsonText.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteNumber("revision", revision);
        writer.WriteString("mode", mode == ImportMode.Reset ? "full" : "partial");
        writer.WriteStartObject("plan");
        foreach (var section in RulesetSections.All)
        {
            var fates = this[section];
            writer.WriteStartObject(section.WireName());
            WriteKeys(writer, "created", fates.Created);
            WriteKeys(writer, "replaced", fates.Replaced);
            WriteKeys(writer, "deleted", fates.Deleted);
            WriteKeys(writer, "unchanged", fates.Unchanged);
            writer.WriteStartObject("failed");
            foreach (var (key, error) in fates.Failed)
            {
                writer.WriteString(key, error);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    private static void WriteKeys(System.Text.Json.Utf8JsonWriter writer, string name, List<string> keys)
    {
        writer.WriteStartArray(name);
        foreach (var key in keys.Order(StringComparer.Ordinal))
        {
            writer.WriteStringValue(key);
        }
        writer.WriteEndArray();
    }
}
