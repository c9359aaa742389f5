using Ekuiper.Domain.Sql.Ast;

namespace Ekuiper.Domain.Sql;

/// <summary>What a rule query depends on.</summary>
/// <param name="Sources">Stream and table names (not aliases) of FROM and the JOINs, in order, distinct.</param>
/// <param name="Functions">
/// Names of the functions called anywhere in the query, lower-cased, distinct, in order of first use.
/// Window functions of GROUP BY are not included (they are clauses, not functions to look up).
/// </param>
public sealed record StatementReferences(IReadOnlyList<string> Sources, IReadOnlyList<string> Functions)
{
    public IReadOnlyList<string> Sources { get; init; } = ValueList.From(Sources);

    public IReadOnlyList<string> Functions { get; init; } = ValueList.From(Functions);
}

public static class SqlReferences
{
    public static StatementReferences Collect(SelectStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var sources = new List<string>(1 + statement.Joins.Count);
        AddDistinct(sources, statement.Source.Name);
        foreach (var join in statement.Joins)
        {
            AddDistinct(sources, join.Source.Name);
        }
        // Every expression depth first, in source order, on one stack (a rule is checked per import entry, so this
        // walk runs by the hundred thousand).
        var functions = new List<string>();
        var pending = new Stack<SqlExpression>();
        foreach (var expression in statement.Expressions())
        {
            pending.Push(expression);
            while (pending.TryPop(out var node))
            {
                if (node is FunctionCall call)
                {
                    AddDistinct(functions, call.Name.ToLowerInvariant());
                }
                PushChildren(pending, node);
            }
        }
        return new StatementReferences(sources, functions);
    }

    /// <summary>Adds <paramref name="name"/> unless held; a query names a handful, so a scan beats a set.</summary>
    private static void AddDistinct(List<string> names, string name)
    {
        if (!names.Contains(name)) // ordinal
        {
            names.Add(name);
        }
    }

    /// <summary>Pushes the children of <paramref name="node"/> last to first, so that the first comes out next.</summary>
    private static void PushChildren(Stack<SqlExpression> pending, SqlExpression node)
    {
        var children = node.Children();
        if (children is IReadOnlyList<SqlExpression> list)
        {
            for (var i = list.Count - 1; i >= 0; i--)
            {
                pending.Push(list[i]);
            }
            return;
        }
        foreach (var child in children.Reverse())
        {
            pending.Push(child);
        }
    }

    /// <summary>
    /// The fields a query reads from the source named <paramref name="streamName"/>, as eKuiper's planner registers them
    /// for a schemaless shared stream: field references qualified by the source's name or alias, and unqualified ones
    /// (they may come from any source of the query), without the names the SELECT list defines as aliases; null when the
    /// query reads the source whole (<c>*</c> or <c>s.*</c>), and empty when it does not read the source.
    /// </summary>
    public static IReadOnlyList<string>? FieldsRead(SelectStatement statement, string streamName)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var sources = statement.AllSources().Where(source => source.Name == streamName).ToList();
        if (sources.Count == 0)
        {
            return [];
        }
        var qualifiers = sources.SelectMany(source => new[] { source.Name, source.Alias }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var aliases = statement.Fields
            .Where(field => field.Alias is not null && !(field.Expression is FieldRef { Stream: null } own && own.Name == field.Alias))
            .Select(field => field.Alias!)
            .ToHashSet(StringComparer.Ordinal);
        // Only a SELECT field is a wildcard read; count(*) reads no field.
        if (statement.Fields.Any(field => field.Expression is Wildcard { Stream: null }
                                          || field.Expression is Wildcard { Stream: { } qualifier } && qualifiers.Contains(qualifier)))
        {
            return null;
        }
        var fields = new List<string>();
        foreach (var expression in statement.Expressions().SelectMany(expression => expression.DescendantsAndSelf()))
        {
            switch (expression)
            {
                case FieldRef { Stream: null } field when !aliases.Contains(field.Name):
                    fields.Add(field.Name);
                    break;
                case FieldRef { Stream: { } qualifier } field when qualifiers.Contains(qualifier):
                    fields.Add(field.Name);
                    break;
            }
        }
        return fields.Distinct(StringComparer.Ordinal).ToList();
    }
}
