using System.Text.Json;

namespace Ekuiper.Domain.Rules;

/// <summary>
/// Checks the structure of a graph rule as eKuiper's graph planner does (node types, topology references) and
/// collects its sources and sinks. Error texts follow eKuiper's planner.
/// </summary>
internal static class GraphAnalysis
{
    public static string? Analyze(JsonElement graph, RuleAnalysis.Collected collected)
    {
        if (!graph.TryGetProperty("nodes", out var nodes) || nodes.ValueKind != JsonValueKind.Object || !nodes.EnumerateObject().Any())
        {
            return "graph must define nodes";
        }
        var nodeTypes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in nodes.EnumerateObject())
        {
            if (AnalyzeNode(node.Name, node.Value, collected, out var type) is { } nodeError)
            {
                return nodeError;
            }
            nodeTypes[node.Name] = type;
        }
        return AnalyzeTopology(graph, nodeTypes);
    }

    private static string? AnalyzeNode(string name, JsonElement node, RuleAnalysis.Collected collected, out string type)
    {
        type = string.Empty;
        if (node.ValueKind != JsonValueKind.Object)
        {
            return $"node {name} must be an object with type, nodeType and props";
        }
        type = StringProperty(node, "type") ?? string.Empty;
        var nodeType = StringProperty(node, "nodeType") ?? string.Empty;
        var props = node.TryGetProperty("props", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        if (nodeType.Length == 0)
        {
            return $"node {name} has no nodeType";
        }
        switch (type)
        {
            case "source":
                if (props.ValueKind == JsonValueKind.Object && StringProperty(props, "sourceName") is { Length: > 0 } sourceName)
                {
                    collected.Sources.Add(sourceName);
                }
                return null;
            case "sink":
                collected.AddSink(nodeType, props);
                return null;
            case "operator":
                return BuiltinCatalogue.GraphOperators.Contains(nodeType) ? null : $"unknown operator type {nodeType}";
            default:
                return $"unknown node type {type}";
        }
    }

    private static string? AnalyzeTopology(JsonElement graph, IReadOnlyDictionary<string, string> nodeTypes)
    {
        if (!graph.TryGetProperty("topo", out var topo) || topo.ValueKind != JsonValueKind.Object)
        {
            return "graph must define topo";
        }
        if (!topo.TryGetProperty("sources", out var sources) || sources.ValueKind != JsonValueKind.Array || sources.GetArrayLength() == 0)
        {
            return "topo must list its sources";
        }
        foreach (var source in sources.EnumerateArray())
        {
            var name = source.ValueKind == JsonValueKind.String ? source.GetString()! : source.ToString();
            if (!nodeTypes.TryGetValue(name, out var type))
            {
                return $"source node {name} not defined";
            }
            if (type != "source")
            {
                return $"source {name} is not a source type node";
            }
        }
        if (!topo.TryGetProperty("edges", out var edges) || edges.ValueKind != JsonValueKind.Object)
        {
            return "topo must define edges";
        }
        foreach (var edge in edges.EnumerateObject())
        {
            if (!nodeTypes.ContainsKey(edge.Name))
            {
                return $"node {edge.Name} is not defined";
            }
            if (edge.Value.ValueKind != JsonValueKind.Array)
            {
                return $"invalid edge toNode {edge.Value}";
            }
            foreach (var target in edge.Value.EnumerateArray())
            {
                // A switch node fans out to a list of lists.
                var names = target.ValueKind == JsonValueKind.Array ? target.EnumerateArray().ToList() : [target];
                foreach (var to in names)
                {
                    if (to.ValueKind != JsonValueKind.String)
                    {
                        return $"invalid edge toNode {to}";
                    }
                    if (!nodeTypes.ContainsKey(to.GetString()!))
                    {
                        return $"node {to.GetString()} is not defined";
                    }
                }
            }
        }
        return null;
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
