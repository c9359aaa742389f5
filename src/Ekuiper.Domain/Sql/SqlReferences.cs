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
        var sources = statement.AllSources().Select(source => source.Name).Distinct(StringComparer.Ordinal);
        var functions = statement.Expressions()
            .SelectMany(expression => expression.DescendantsAndSelf())
            .OfType<FunctionCall>()
            .Select(call => call.Name.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal);
        return new StatementReferences(sources.ToList(), functions.ToList());
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
