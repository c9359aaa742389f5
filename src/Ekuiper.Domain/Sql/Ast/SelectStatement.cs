namespace Ekuiper.Domain.Sql.Ast;

/// <summary>A parsed eKuiper rule query.</summary>
public sealed record SelectStatement(IReadOnlyList<SelectField> Fields, SourceRef Source)
{
    public IReadOnlyList<SelectField> Fields { get; init; } = ValueList.From(Fields);

    public IReadOnlyList<JoinClause> Joins { get; init; } = ValueList<JoinClause>.Empty;

    public SqlExpression? Where { get; init; }

    /// <summary>GROUP BY expressions as written, the window (if any) included.</summary>
    public IReadOnlyList<SqlExpression> GroupBy { get; init; } = ValueList<SqlExpression>.Empty;

    public SqlExpression? Having { get; init; }

    public IReadOnlyList<SortField> OrderBy { get; init; } = ValueList<SortField>.Empty;

    public long? Limit { get; init; }

    /// <summary>The window of GROUP BY, if there is one.</summary>
    public WindowExpr? Window => GroupBy.OfType<WindowExpr>().FirstOrDefault();

    /// <summary>The stream and table names the query reads, FROM first then JOINs in order.</summary>
    public IEnumerable<SourceRef> AllSources() => [Source, .. Joins.Select(join => join.Source)];

    /// <summary>
    /// Every top-level expression of every clause in source order: fields, join conditions, WHERE,
    /// GROUP BY, HAVING, ORDER BY. Use <see cref="SqlExpression.DescendantsAndSelf"/> to go deeper.
    /// </summary>
    public IEnumerable<SqlExpression> Expressions()
    {
        foreach (var field in Fields)
        {
            yield return field.Expression;
        }

        foreach (var join in Joins)
        {
            if (join.Condition is not null)
            {
                yield return join.Condition;
            }
        }

        if (Where is not null)
        {
            yield return Where;
        }

        foreach (var group in GroupBy)
        {
            yield return group;
        }

        if (Having is not null)
        {
            yield return Having;
        }

        foreach (var sort in OrderBy)
        {
            yield return sort.Expression;
        }
    }

    /// <summary>
    /// The output column names in field order, as eKuiper names them: the alias, else the column or
    /// function name, else <c>kuiper_field_N</c> numbered over the unnamed fields.
    /// </summary>
    public IReadOnlyList<string> OutputNames()
    {
        var unnamed = 0;
        return Fields.Select(field => field.Alias ?? field.ImplicitName ?? $"kuiper_field_{unnamed++}").ToList();
    }

    public override string ToString() => SqlFormatter.Format(this);
}

/// <summary>One entry of the SELECT list.</summary>
public sealed record SelectField(SqlExpression Expression, string? Alias)
{
    /// <summary><c>INVISIBLE</c>: computed for later clauses but left out of the output.</summary>
    public bool IsInvisible { get; init; }

    /// <summary>The name eKuiper gives the field without an alias: column name, function name or <c>*</c>.</summary>
    public string? ImplicitName => Expression switch
    {
        FieldRef column => column.Name,
        FunctionCall call => call.Name.ToLowerInvariant(),
        Wildcard => "*",
        _ => null,
    };

    public override string ToString() => SqlFormatter.Format(this);
}

/// <summary>A stream or table read by the query, with its optional alias.</summary>
public sealed record SourceRef(string Name, string? Alias);

public enum JoinKind
{
    Inner,
    Left,
    Right,
    Full,
    Cross,
}

public sealed record JoinClause(JoinKind Kind, SourceRef Source, SqlExpression? Condition);

public sealed record SortField(SqlExpression Expression, bool IsAscending);
