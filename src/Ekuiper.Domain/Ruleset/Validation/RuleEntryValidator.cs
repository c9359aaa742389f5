using System.Text.Json;
using Ekuiper.Domain.Definitions;

namespace Ekuiper.Domain.Ruleset.Validation;

/// <summary>
/// Checks the shape of one rule entry as eKuiper does before it looks at the SQL: a JSON object whose id matches
/// its key, with exactly one of sql or graph, and actions for a sql rule.
/// </summary>
public static class RuleEntryValidator
{
    public static EntryResult<RuleDefinition> Validate(string key, string json) => Validate(key, json, out _);

    /// <param name="parsed">
    /// The rule as parsed here, so that later checks (<see cref="Rules.RuleAnalysis"/>) need not parse it again;
    /// default when the text is not a JSON object.
    /// </param>
    public static EntryResult<RuleDefinition> Validate(string key, string json, out JsonElement parsed)
    {
        parsed = default;
        if (!JsonObjectReader.TryParse(json, out var rule, out var error))
        {
            return Fail(key, error);
        }
        parsed = rule.Root;
        if (!rule.TryGetString("id", out var id, out error)
            || !rule.TryGetString("sql", out var sql, out error)
            || !rule.TryGetString("version", out var version, out error)
            || !rule.TryGetBoolean("triggered", true, out var triggered, out error)
            || !rule.TryCheckArray("actions", JsonValueKind.Object, out var actionCount, out error)
            || !rule.TryCheckObject("graph", out error)
            || !rule.TryCheckObject("options", out error))
        {
            return Fail(key, error);
        }

        if (string.IsNullOrEmpty(id))
        {
            return EntryResult<RuleDefinition>.Fail("Missing rule id.");
        }
        if (id != key)
        {
            return EntryResult<RuleDefinition>.Fail("RuleId is not consistent with rule id.");
        }
        if (Identifiers.Check(id) is { } idError)
        {
            return EntryResult<RuleDefinition>.Fail(idError);
        }
        var hasGraph = rule.Has("graph");
        if (!string.IsNullOrEmpty(sql))
        {
            if (hasGraph)
            {
                return EntryResult<RuleDefinition>.Fail($"Rule {id} has both sql and graph.");
            }
            if (actionCount == 0)
            {
                return EntryResult<RuleDefinition>.Fail("Missing rule actions.");
            }
        }
        else if (!hasGraph)
        {
            return EntryResult<RuleDefinition>.Fail($"Rule {id} has neither sql nor graph.");
        }

        return EntryResult<RuleDefinition>.Ok(new RuleDefinition
        {
            Id = id,
            Json = json,
            Version = string.IsNullOrEmpty(version) ? null : version,
            Triggered = triggered,
        });
    }

    private static EntryResult<RuleDefinition> Fail(string key, string reason) =>
        EntryResult<RuleDefinition>.Fail($"Parse rule {key} error : {reason}.");
}
