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
}
