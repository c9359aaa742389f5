namespace Ekuiper.Domain.Sql.Ast;

/// <summary>
/// An expression of eKuiper's SQL. Records compare by value; <see cref="ToString"/> prints canonical SQL
/// that parses back to an equal tree.
/// </summary>
public abstract record SqlExpression
{
    private protected SqlExpression()
    {
    }

    /// <summary>The direct sub-expressions, in source order.</summary>
    public abstract IEnumerable<SqlExpression> Children();

    /// <summary>This expression and every expression below it, depth first, in source order.</summary>
    public IEnumerable<SqlExpression> DescendantsAndSelf()
    {
        var pending = new Stack<SqlExpression>();
        pending.Push(this);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            yield return current;
            // Pushed last to first, so that the first child comes out next.
            var children = current.Children();
            if (children is IReadOnlyList<SqlExpression> list)
            {
                for (var i = list.Count - 1; i >= 0; i--)
                {
                    pending.Push(list[i]);
                }
            }
            else
            {
                foreach (var child in children.Reverse())
                {
                    pending.Push(child);
                }
            }
        }
    }

    /// <summary>
    /// Rebuilds the tree bottom-up, replacing each node by what <paramref name="rewrite"/> returns for it
    /// (after its children were rewritten). Nodes <paramref name="rewrite"/> returns unchanged are kept.
    /// </summary>
    public SqlExpression Rewrite(Func<SqlExpression, SqlExpression> rewrite) =>
        rewrite(WithChildren(child => child.Rewrite(rewrite)));

    /// <summary>A copy whose direct sub-expressions were passed through <paramref name="map"/>.</summary>
    private protected abstract SqlExpression WithChildren(Func<SqlExpression, SqlExpression> map);

    public sealed override string ToString() => SqlFormatter.Format(this);
}

/// <summary>A column of a stream: <c>name</c>, or <c>stream.name</c> when qualified by a source name or alias.</summary>
/// <param name="Stream">The source name or alias; null for the default (only or any) source.</param>
public sealed record FieldRef(string? Stream, string Name) : SqlExpression
{
    public override IEnumerable<SqlExpression> Children() => [];

    private protected override SqlExpression WithChildren(Func<SqlExpression, SqlExpression> map) => this;
}

/// <summary>A metadata key inside <c>meta(…)</c> or <c>mqtt(…)</c>, e.g. <c>topic</c> in <c>meta(topic)</c>.</summary>
public sealed record MetaRef(string? Stream, string Name) : SqlExpression
{
    public override IEnumerable<SqlExpression> Children() => [];

    private protected override SqlExpression WithChildren(Func<SqlExpression, SqlExpression> map) => this;
}

/// <summary><c>*</c> or <c>stream.*</c>, optionally with <c>EXCEPT(…)</c> and <c>REPLACE(…)</c>.</summary>
public sealed record Wildcard(string? Stream) : SqlExpression
{
    public IReadOnlyList<string> Except { get; init; } = ValueList<string>.Empty;

    public IReadOnlyList<SelectField> Replace { get; init; } = ValueList<SelectField>.Empty;

    public override IEnumerable<SqlExpression> Children() => Replace.Select(field => field.Expression);

    private protected override SqlExpression WithChildren(Func<SqlExpression, SqlExpression> map) =>
        Replace.Count == 0
            ? this
            : this with { Replace = ValueList.From(Replace.Select(field => field with { Expression = map(field.Expression) })) };
}

/// <summary>JSON member access, <c>target->name</c> (also written <c>target.name</c> after a value).</summary>
public sealed record JsonFieldAccess(SqlExpression Target, string Name) : SqlExpression
{
    public override IEnumerable<SqlExpression> Children() => [Target];

    private protected override SqlExpression WithChildren(Func<SqlExpression, SqlExpression> map) =>
        this with { Target = map(Target) };
}

/// <summary>Array element or map key access, <c>target[index]</c>.</summary>
public sealed record IndexAccess(SqlExpression Target, SqlExpression Index) : SqlExpression
{
    public override IEnumerable<SqlExpression> Children() => [Target, Index];

    private protected override SqlExpression WithChildren(Func<SqlExpression, SqlExpression> map) =>
        this with { Target = map(Target), Index = map(Index) };
}

/// <summary>Array slice <c>target[start:end]</c>; a missing bound is null (<c>target[]</c> = <c>target[:]</c>).</summary>
public sealed record SliceAccess(SqlExpression Target, SqlExpression? Start, SqlExpression? End) : SqlExpression
{
    public override IEnumerable<SqlExpression> Children()
    {
        yield return Target;
        if (Start is not null)
        {
            yield return Start;
        }

        if (End is not null)
        {
            yield return End;
        }
    }

    private protected override SqlExpression WithChildren(Func<SqlExpression, SqlExpression> map) =>
        this with { Target = map(Target), Start = Start is null ? null : map(Start), End = End is null ? null : map(End) };
}

/// <summary>Base of the literal constants.</summary>
public abstract record SqlLiteral : SqlExpression
{
    private protected SqlLiteral()
    {
    }

    public sealed override IEnumerable<SqlExpression> Children() => [];

    private protected sealed override SqlExpression WithChildren(Func<SqlExpression, SqlExpression> map) => this;
}

public sealed record IntegerLiteral(long Value) : SqlLiteral;

public sealed record NumberLiteral(double Value) : SqlLiteral;

/// <summary>A string constant; single- and double-quoted strings are the same to eKuiper.</summary>
public sealed record StringLiteral(string Value) : SqlLiteral;

public sealed record BooleanLiteral(bool Value) : SqlLiteral;

/// <summary>A time unit keyword (<c>dd hh mi ss ms</c>), the first argument of time windows.</summary>
public sealed record TimeUnitLiteral(TimeUnit Unit) : SqlLiteral;

public enum TimeUnit
{
    Day,
    Hour,
    Minute,
    Second,
    Millisecond,
}

/// <summary>Parentheses from the source, kept so that printing reproduces the grouping.</summary>
public sealed record ParenExpr(SqlExpression Inner) : SqlExpression
{
    public override IEnumerable<SqlExpression> Children() => [Inner];

    private protected override SqlExpression WithChildren(Func<SqlExpression, SqlExpression> map) =>
        this with { Inner = map(Inner) };
}

public sealed record BinaryExpr(SqlExpression Left, BinaryOperator Operator, SqlExpression Right) : SqlExpression
{
    public override IEnumerable<SqlExpression> Children() => [Left, Right];

    private protected override SqlExpression WithChildren(Func<SqlExpression, SqlExpression> map) =>
        this with { Left = map(Left), Right = map(Right) };
}

/// <summary><c>operand [NOT] IN (value, …)</c>.</summary>
public sealed record InListExpr(SqlExpression Operand, bool IsNegated, IReadOnlyList<SqlExpression> Values) : SqlExpression
{
    public IReadOnlyList<SqlExpression> Values { get; init; } = ValueList.From(Values);

    public override IEnumerable<SqlExpression> Children() => [Operand, .. Values];

    private protected override SqlExpression WithChildren(Func<SqlExpression, SqlExpression> map) =>
        this with { Operand = map(Operand), Values = ValueList.From(Values.Select(map)) };
}

/// <summary><c>operand [NOT] IN collection</c>, where the collection is an array-valued expression.</summary>
public sealed record InArrayExpr(SqlExpression Operand, bool IsNegated, SqlExpression Collection) : SqlExpression
{
    public override IEnumerable<SqlExpression> Children() => [Operand, Collection];

    private protected override SqlExpression WithChildren(Func<SqlExpression, SqlExpression> map) =>
        this with { Operand = map(Operand), Collection = map(Collection) };
}

/// <summary><c>operand [NOT] BETWEEN lower AND upper</c>.</summary>
public sealed record BetweenExpr(SqlExpression Operand, bool IsNegated, SqlExpression Lower, SqlExpression Upper) : SqlExpression
{
    public override IEnumerable<SqlExpression> Children() => [Operand, Lower, Upper];

    private protected override SqlExpression WithChildren(Func<SqlExpression, SqlExpression> map) =>
        this with { Operand = map(Operand), Lower = map(Lower), Upper = map(Upper) };
}

/// <summary>
/// <c>CASE [operand] WHEN … THEN … [ELSE …] END</c>. Without an operand every WHEN is a condition;
/// with one, each WHEN value is compared to it.
/// </summary>
public sealed record CaseExpr(SqlExpression? Operand, IReadOnlyList<WhenClause> WhenClauses, SqlExpression? Else) : SqlExpression
{
    public IReadOnlyList<WhenClause> WhenClauses { get; init; } = ValueList.From(WhenClauses);

    public override IEnumerable<SqlExpression> Children()
    {
        if (Operand is not null)
        {
            yield return Operand;
        }

        foreach (var clause in WhenClauses)
        {
            yield return clause.Condition;
            yield return clause.Result;
        }

        if (Else is not null)
        {
            yield return Else;
        }
    }

    private protected override SqlExpression WithChildren(Func<SqlExpression, SqlExpression> map) =>
        new CaseExpr(
            Operand is null ? null : map(Operand),
            ValueList.From(WhenClauses.Select(clause => new WhenClause(map(clause.Condition), map(clause.Result)))),
            Else is null ? null : map(Else));
}

public sealed record WhenClause(SqlExpression Condition, SqlExpression Result);

/// <summary>A call of a built-in or plugin function, e.g. <c>count(*)</c> or <c>lag(a) OVER (PARTITION BY b)</c>.</summary>
/// <param name="Name">As written; eKuiper matches built-in function names case-insensitively.</param>
public sealed record FunctionCall(string Name, IReadOnlyList<SqlExpression> Arguments) : SqlExpression
{
    public IReadOnlyList<SqlExpression> Arguments { get; init; } = ValueList.From(Arguments);

    public OverClause? Over { get; init; }

    public override IEnumerable<SqlExpression> Children()
    {
        foreach (var argument in Arguments)
        {
            yield return argument;
        }

        if (Over is null)
        {
            yield break;
        }

        foreach (var child in Over.Expressions())
        {
            yield return child;
        }
    }

    private protected override SqlExpression WithChildren(Func<SqlExpression, SqlExpression> map) =>
        this with { Arguments = ValueList.From(Arguments.Select(map)), Over = Over?.Map(map) };
}

/// <summary>The <c>OVER (PARTITION BY … ORDER BY … WHEN …)</c> clause of an analytic function call.</summary>
public sealed record OverClause(IReadOnlyList<SqlExpression> PartitionBy, IReadOnlyList<SortField> OrderBy, SqlExpression? When)
{
    public IReadOnlyList<SqlExpression> PartitionBy { get; init; } = ValueList.From(PartitionBy);

    public IReadOnlyList<SortField> OrderBy { get; init; } = ValueList.From(OrderBy);

    public IEnumerable<SqlExpression> Expressions() =>
        [.. PartitionBy, .. OrderBy.Select(sort => sort.Expression), .. When is null ? [] : new[] { When }];

    internal OverClause Map(Func<SqlExpression, SqlExpression> map) =>
        new(
            ValueList.From(PartitionBy.Select(map)),
            ValueList.From(OrderBy.Select(sort => sort with { Expression = map(sort.Expression) })),
            When is null ? null : map(When));
}

public enum WindowKind
{
    Tumbling,
    Hopping,
    Sliding,
    Session,
    Count,
    State,
}

/// <summary>
/// A window function in GROUP BY, e.g. <c>HOPPINGWINDOW(ss, 10, 5) FILTER (WHERE a > 1)</c>.
/// <see cref="Arguments"/> are as written; the typed accessors interpret them per window kind.
/// </summary>
public sealed record WindowExpr(WindowKind Kind, IReadOnlyList<SqlExpression> Arguments) : SqlExpression
{
    public IReadOnlyList<SqlExpression> Arguments { get; init; } = ValueList.From(Arguments);

    /// <summary>The <c>FILTER (WHERE …)</c> condition: rows failing it do not enter the window.</summary>
    public SqlExpression? Filter { get; init; }

    /// <summary>The <c>OVER (WHEN …)</c> condition that triggers a sliding window.</summary>
    public SqlExpression? TriggerCondition { get; init; }

    /// <summary>The <c>OVER (PARTITION BY …)</c> expressions.</summary>
    public IReadOnlyList<SqlExpression> PartitionBy { get; init; } = ValueList<SqlExpression>.Empty;

    /// <summary>The function name eKuiper uses for this kind, e.g. <c>tumblingwindow</c>.</summary>
    public string FunctionName => WindowNames.ToName(Kind);

    /// <summary>The time unit of a time window; null for count and state windows.</summary>
    public TimeUnit? Unit => Kind is WindowKind.Count or WindowKind.State ? null : (Arguments[0] as TimeUnitLiteral)?.Unit;

    /// <summary>Window length: in <see cref="Unit"/> for time windows, in rows for count windows.</summary>
    public long? Length => Kind switch
    {
        WindowKind.State => null,
        WindowKind.Count => IntegerAt(0),
        _ => IntegerAt(1),
    };

    /// <summary>Hop size (hopping), timeout (session) or count-window interval; null when absent.</summary>
    public long? Interval => Kind switch
    {
        WindowKind.Hopping or WindowKind.Session => IntegerAt(2),
        WindowKind.Count => IntegerAt(1),
        _ => null,
    };

    /// <summary>The optional delay (third argument) of a sliding window.</summary>
    public long? Delay => Kind == WindowKind.Sliding ? IntegerAt(2) : null;

    public override IEnumerable<SqlExpression> Children()
    {
        foreach (var argument in Arguments)
        {
            yield return argument;
        }

        if (Filter is not null)
        {
            yield return Filter;
        }

        if (TriggerCondition is not null)
        {
            yield return TriggerCondition;
        }

        foreach (var partition in PartitionBy)
        {
            yield return partition;
        }
    }

    private protected override SqlExpression WithChildren(Func<SqlExpression, SqlExpression> map) =>
        this with
        {
            Arguments = ValueList.From(Arguments.Select(map)),
            Filter = Filter is null ? null : map(Filter),
            TriggerCondition = TriggerCondition is null ? null : map(TriggerCondition),
            PartitionBy = ValueList.From(PartitionBy.Select(map)),
        };

    private long? IntegerAt(int index) =>
        index < Arguments.Count && Arguments[index] is IntegerLiteral literal ? literal.Value : null;
}

internal static class WindowNames
{
    private static readonly Dictionary<string, WindowKind> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tumblingwindow"] = WindowKind.Tumbling,
        ["hoppingwindow"] = WindowKind.Hopping,
        ["slidingwindow"] = WindowKind.Sliding,
        ["sessionwindow"] = WindowKind.Session,
        ["countwindow"] = WindowKind.Count,
        ["statewindow"] = WindowKind.State,
    };

    public static bool TryParse(string name, out WindowKind kind) => ByName.TryGetValue(name, out kind);

    public static string ToName(WindowKind kind) => ByName.First(entry => entry.Value == kind).Key;
}
