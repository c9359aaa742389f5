using System.Text.Json;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Domain.Sql;

namespace Ekuiper.Domain.Rules;

/// <summary>
/// Reads what a rule depends on from its JSON: the SQL (parsed) or the graph (nodes and topology checked), and the
/// actions. It needs no store; <see cref="RuleChecker"/> then checks the dependencies exist.
/// </summary>
public static class RuleAnalysis
{
    /// <summary>Analyses a rule whose shape <see cref="Ruleset.Validation.RuleEntryValidator"/> already accepted.</summary>
    public static bool TryAnalyze(string ruleJson, out RuleDependencies dependencies, out string error)
    {
        JsonDocument document;
        try
        {
            document = JsonText.ParseUntrusted(ruleJson);
        }
        catch (JsonException e)
        {
            dependencies = RuleDependencies.None;
            error = e.Message;
            return false;
        }
        using (document)
        {
            return TryAnalyze(document.RootElement, out dependencies, out error);
        }
    }

    /// <summary>Analyses a rule already parsed (by the entry validator): an import reads each rule's JSON once.</summary>
    public static bool TryAnalyze(JsonElement rule, out RuleDependencies dependencies, out string error)
    {
        dependencies = RuleDependencies.None;
        error = string.Empty;
        if (rule.ValueKind != JsonValueKind.Object)
        {
            error = "a rule must be a JSON object";
            return false;
        }

        var collected = new Collected();
        if (rule.TryGetProperty("sql", out var sql) && sql.ValueKind == JsonValueKind.String && sql.GetString() is { Length: > 0 } query)
        {
            var parsed = SelectParser.Parse(query);
            if (!parsed.Succeeded)
            {
                error = parsed.Error!.Message;
                return false;
            }
            var references = SqlReferences.Collect(parsed.Value!);
            collected.Sources.AddRange(references.Sources);
            collected.Functions.AddRange(references.Functions);
        }
        else if (rule.TryGetProperty("graph", out var graph) && graph.ValueKind == JsonValueKind.Object)
        {
            if (GraphAnalysis.Analyze(graph, collected) is { } graphError)
            {
                error = graphError;
                return false;
            }
        }

        if (rule.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var action in actions.EnumerateArray())
            {
                if (ReadAction(action, index++, collected) is { } actionError)
                {
                    error = actionError;
                    return false;
                }
            }
        }

        dependencies = collected.ToDependencies();
        return true;
    }

    private static string? ReadAction(JsonElement action, int index, Collected collected)
    {
        if (action.ValueKind != JsonValueKind.Object || action.EnumerateObject().Count() != 1)
        {
            return $"action {index} must be an object with exactly one key, the sink type, e.g. {{\"log\":{{}}}}";
        }
        var sink = action.EnumerateObject().Single();
        if (sink.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            return $"the properties of action {index} ({sink.Name}) must be an object";
        }
        collected.AddSink(sink.Name, sink.Value);
        return null;
    }

    /// <summary>The dependencies as they are found, kept in order and without repeats.</summary>
    internal sealed class Collected
    {
        public List<string> Sources { get; } = [];
        public List<string> Functions { get; } = [];
        public List<string> SinkTypes { get; } = [];
        public List<SinkResource> SinkResources { get; } = [];
        public List<string> SchemaIds { get; } = [];
        public List<string> ConnectionSelectors { get; } = [];

        public void AddSink(string sinkType, JsonElement properties)
        {
            SinkTypes.Add(sinkType);
            if (properties.ValueKind != JsonValueKind.Object)
            {
                return;
            }
            if (properties.TryGetProperty("resourceId", out var resource) && resource.ValueKind == JsonValueKind.String
                && resource.GetString()!.Length > 0)
            {
                SinkResources.Add(new SinkResource(sinkType, resource.GetString()!));
            }
            if (properties.TryGetProperty("schemaId", out var schema) && schema.ValueKind == JsonValueKind.String
                && schema.GetString()!.Length > 0)
            {
                SchemaIds.Add(schema.GetString()!);
            }
            if (properties.TryGetProperty("connectionSelector", out var selector) && selector.ValueKind == JsonValueKind.String
                && selector.GetString()!.Length > 0)
            {
                ConnectionSelectors.Add(selector.GetString()!);
            }
        }

        public RuleDependencies ToDependencies() => new(
            Sources.Distinct(StringComparer.Ordinal).ToList(),
            Functions.Distinct(StringComparer.Ordinal).ToList(),
            SinkTypes.Distinct(StringComparer.Ordinal).ToList(),
            SinkResources.Distinct().ToList(),
            SchemaIds.Distinct(StringComparer.Ordinal).ToList())
        {
            ConnectionSelectors = ConnectionSelectors.Distinct(StringComparer.Ordinal).ToList(),
        };
    }
}
