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
            return Fail(json, GoJsonSyntax.Unmarshal(json) ?? NotAnObject(json) ?? error);
        }
        parsed = rule.Root;
        if (GoShapeError(rule.Root) is { } shapeError)
        {
            return Fail(json, shapeError);
        }
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

        // The rule as parsed here gives its listed name and tags (no second parse per rule).
        return EntryResult<RuleDefinition>.Ok(new RuleDefinition(id, json, rule.Root)
        {
            Version = string.IsNullOrEmpty(version) ? null : version,
            Triggered = triggered,
        });
    }

    /// <summary>eKuiper's words: the rule's JSON as sent, then what Go's json.Unmarshal said of it.</summary>
    private static EntryResult<RuleDefinition> Fail(string json, string reason) =>
        EntryResult<RuleDefinition>.Fail($"Parse rule {json} error : {reason}.");

    private const string GoRule = "def.Rule";

    private static string? NotAnObject(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind is JsonValueKind.Object
                ? null
                : $"json: cannot unmarshal {GoJsonSyntax.KindOf(document.RootElement.ValueKind)} into Go value of type {GoRule}";
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The first field (in the order written) whose value Go cannot decode into eKuiper's rule struct, in Go's words
    /// ("json: cannot unmarshal number into Go struct field Rule.sql of type string"); null when every field fits.
    /// Fields are matched without regard to case, as Go matches them; null fits every field.
    /// </summary>
    private static string? GoShapeError(JsonElement rule)
    {
        foreach (var property in rule.EnumerateObject())
        {
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }
            var field = property.Name.ToLowerInvariant();
            var (fits, goType) = field switch
            {
                "triggered" or "temp" => (value.ValueKind is JsonValueKind.True or JsonValueKind.False, "bool"),
                "id" or "name" or "version" or "sql" => (value.ValueKind == JsonValueKind.String, "string"),
                "graph" => (value.ValueKind == JsonValueKind.Object, "def.RuleGraph"),
                "options" => (value.ValueKind == JsonValueKind.Object, "def.RuleOption"),
                "actions" => (value.ValueKind == JsonValueKind.Array, "[]map[string]interface {}"),
                "tags" => (value.ValueKind == JsonValueKind.Array, "[]string"),
                _ => (true, string.Empty),
            };
            if (!fits)
            {
                return TypeError(value.ValueKind, field, goType);
            }
            var (itemKind, itemType) = field switch
            {
                "actions" => (JsonValueKind.Object, "map[string]interface {}"),
                "tags" => (JsonValueKind.String, "string"),
                _ => (JsonValueKind.Undefined, string.Empty),
            };
            if (itemKind != JsonValueKind.Undefined
                && value.EnumerateArray().FirstOrDefault(i => i.ValueKind != itemKind && i.ValueKind != JsonValueKind.Null) is
                    { ValueKind: not JsonValueKind.Undefined } wrong)
            {
                return TypeError(wrong.ValueKind, field, itemType);
            }
        }
        return null;
    }

    private static string TypeError(JsonValueKind kind, string field, string goType) =>
        $"json: cannot unmarshal {GoJsonSyntax.KindOf(kind)} into Go struct field Rule.{field} of type {goType}";
}
