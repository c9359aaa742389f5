using System.Globalization;
using System.Text;
using Ekuiper.Domain.Sql.Ast;

namespace Ekuiper.Domain.Sql;

/// <summary>
/// Prints AST nodes as canonical SQL: upper-case keywords, single spaces, double-quoted strings, explicit
/// ASC/DESC. The output parses back to an equal tree. With <c>explicitGrouping</c> every operator
/// expression (binary, IN, BETWEEN) is parenthesised, which makes the tree's shape visible (used by
/// tests and diagnostics; such output re-parses with extra <see cref="ParenExpr"/> nodes).
/// </summary>
public static class SqlFormatter
{
    // Precedence of anything that is not an operator expression: literals, names, calls, postfix access.
    private const int PrimaryPrecedence = 6;
    private const int ComparisonPrecedence = 3;

    public static string Format(SqlExpression expression, bool explicitGrouping = false) =>
        new Printer(explicitGrouping).Expression(expression);

    public static string Format(SelectStatement statement, bool explicitGrouping = false) =>
        new Printer(explicitGrouping).Statement(statement);

    public static string Format(SelectField field, bool explicitGrouping = false) =>
        new Printer(explicitGrouping).Field(field);

    private static int PrecedenceOf(SqlExpression expression) => expression switch
    {
        BinaryExpr binary => binary.Operator.Precedence(),
        InListExpr or InArrayExpr or BetweenExpr => ComparisonPrecedence,
        _ => PrimaryPrecedence,
    };

    private static string TimeUnitKeyword(TimeUnit unit) => unit switch
    {
        TimeUnit.Day => "dd",
        TimeUnit.Hour => "hh",
        TimeUnit.Minute => "mi",
        TimeUnit.Second => "ss",
        _ => "ms",
    };

    // The lexer has no exponent syntax, so the number is always written out in positional notation.
    private static string NumberText(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E'))
        {
            text = ((decimal)value).ToString(CultureInfo.InvariantCulture);
        }

        return text.Contains('.') ? text : text + ".0";
    }

    private static string Qualified(string? stream, string name) =>
        stream is null ? SqlText.Name(name) : $"{SqlText.Name(stream)}.{SqlText.Name(name)}";

    private sealed class Printer(bool explicitGrouping)
    {
        public string Statement(SelectStatement statement)
        {
            var sql = new StringBuilder("SELECT ");
            sql.Append(string.Join(", ", statement.Fields.Select(Field)));
            sql.Append(" FROM ").Append(Source(statement.Source));
            foreach (var join in statement.Joins)
            {
                sql.Append(' ').Append(join.Kind.ToString().ToUpperInvariant()).Append(" JOIN ").Append(Source(join.Source));
                if (join.Condition is not null)
                {
                    sql.Append(" ON ").Append(Expression(join.Condition));
                }
            }

            if (statement.Where is not null)
            {
                sql.Append(" WHERE ").Append(Expression(statement.Where));
            }

            if (statement.GroupBy.Count > 0)
            {
                sql.Append(" GROUP BY ").Append(List(statement.GroupBy));
            }

            if (statement.Having is not null)
            {
                sql.Append(" HAVING ").Append(Expression(statement.Having));
            }

            if (statement.OrderBy.Count > 0)
            {
                sql.Append(" ORDER BY ").Append(string.Join(", ", statement.OrderBy.Select(Sort)));
            }

            if (statement.Limit is { } limit)
            {
                sql.Append(" LIMIT ").Append(limit.ToString(CultureInfo.InvariantCulture));
            }

            return sql.ToString();
        }

        public string Field(SelectField field)
        {
            var text = Expression(field.Expression);
            if (field.Alias is not null)
            {
                text += " AS " + SqlText.Name(field.Alias);
            }

            return field.IsInvisible ? text + " INVISIBLE" : text;
        }

        public string Expression(SqlExpression expression)
        {
            var text = Unwrapped(expression);
            return explicitGrouping && PrecedenceOf(expression) < PrimaryPrecedence ? $"({text})" : text;
        }

        private string Unwrapped(SqlExpression expression) => expression switch
        {
            FieldRef field => Qualified(field.Stream, field.Name),
            MetaRef { Name: "*" } meta => meta.Stream is null ? "*" : $"{SqlText.Name(meta.Stream)}.*",
            MetaRef meta => Qualified(meta.Stream, meta.Name),
            Wildcard wildcard => Wildcard(wildcard),
            JsonFieldAccess access => $"{Operand(access.Target, PrimaryPrecedence)}->{SqlText.Name(access.Name)}",
            IndexAccess access => $"{Operand(access.Target, PrimaryPrecedence)}[{Expression(access.Index)}]",
            SliceAccess slice =>
                $"{Operand(slice.Target, PrimaryPrecedence)}[{Optional(slice.Start)}:{Optional(slice.End)}]",
            IntegerLiteral integer => integer.Value.ToString(CultureInfo.InvariantCulture),
            NumberLiteral number => NumberText(number.Value),
            StringLiteral text => SqlText.Quote(text.Value),
            BooleanLiteral boolean => boolean.Value ? "true" : "false",
            TimeUnitLiteral time => TimeUnitKeyword(time.Unit),
            ParenExpr paren => $"({Expression(paren.Inner)})",
            BinaryExpr binary => Binary(binary),
            InListExpr list =>
                $"{Operand(list.Operand, ComparisonPrecedence)} {Not(list.IsNegated)}IN ({List(list.Values)})",
            InArrayExpr array =>
                $"{Operand(array.Operand, ComparisonPrecedence)} {Not(array.IsNegated)}IN {Operand(array.Collection, ComparisonPrecedence + 1)}",
            BetweenExpr between =>
                $"{Operand(between.Operand, ComparisonPrecedence)} {Not(between.IsNegated)}BETWEEN " +
                $"{Operand(between.Lower, PrimaryPrecedence)} AND {Operand(between.Upper, PrimaryPrecedence)}",
            CaseExpr caseExpr => Case(caseExpr),
            FunctionCall call => $"{call.Name}({List(call.Arguments)}){Over(call.Over)}",
            WindowExpr window => Window(window),
            _ => throw new ArgumentOutOfRangeException(nameof(expression), expression.GetType().Name, null),
        };

        private string Binary(BinaryExpr binary)
        {
            var precedence = binary.Operator.Precedence();

            // Left-associative: an equal-precedence operation on the right needs parentheses.
            return $"{Operand(binary.Left, precedence)} {binary.Operator.ToSql()} {Operand(binary.Right, precedence + 1)}";
        }

        /// <summary>Prints an operand, parenthesised when it binds looser than <paramref name="minimum"/>.</summary>
        private string Operand(SqlExpression operand, int minimum)
        {
            // With explicit grouping, Expression already parenthesised every operator expression.
            var text = Expression(operand);
            return !explicitGrouping && PrecedenceOf(operand) < minimum ? $"({text})" : text;
        }

        private string Optional(SqlExpression? expression) => expression is null ? "" : Expression(expression);

        private static string Not(bool negated) => negated ? "NOT " : "";

        private string List(IEnumerable<SqlExpression> expressions) => string.Join(", ", expressions.Select(Expression));

        private string Sort(SortField sort) => $"{Expression(sort.Expression)} {(sort.IsAscending ? "ASC" : "DESC")}";

        private static string Source(SourceRef source) =>
            source.Alias is null ? SqlText.Name(source.Name) : $"{SqlText.Name(source.Name)} AS {SqlText.Name(source.Alias)}";

        private string Wildcard(Wildcard wildcard)
        {
            var text = wildcard.Stream is null ? "*" : $"{SqlText.Name(wildcard.Stream)}.*";
            if (wildcard.Except.Count > 0)
            {
                text += $" EXCEPT({string.Join(", ", wildcard.Except.Select(SqlText.Name))})";
            }

            if (wildcard.Replace.Count > 0)
            {
                text += $" REPLACE({string.Join(", ", wildcard.Replace.Select(Field))})";
            }

            return text;
        }

        private string Case(CaseExpr caseExpr)
        {
            var text = new StringBuilder("CASE");
            if (caseExpr.Operand is not null)
            {
                text.Append(' ').Append(Expression(caseExpr.Operand));
            }

            foreach (var clause in caseExpr.WhenClauses)
            {
                text.Append(" WHEN ").Append(Expression(clause.Condition)).Append(" THEN ").Append(Expression(clause.Result));
            }

            if (caseExpr.Else is not null)
            {
                text.Append(" ELSE ").Append(Expression(caseExpr.Else));
            }

            return text.Append(" END").ToString();
        }

        private string Over(OverClause? over)
        {
            if (over is null)
            {
                return "";
            }

            var parts = new List<string>();
            if (over.PartitionBy.Count > 0)
            {
                parts.Add("PARTITION BY " + List(over.PartitionBy));
            }

            if (over.OrderBy.Count > 0)
            {
                parts.Add("ORDER BY " + string.Join(", ", over.OrderBy.Select(Sort)));
            }

            if (over.When is not null)
            {
                parts.Add("WHEN " + Expression(over.When));
            }

            return $" OVER ({string.Join(" ", parts)})";
        }

        private string Window(WindowExpr window)
        {
            var text = $"{window.FunctionName}({List(window.Arguments)})";
            if (window.Filter is not null)
            {
                text += $" FILTER (WHERE {Expression(window.Filter)})";
            }

            var over = new List<string>();
            if (window.TriggerCondition is not null)
            {
                over.Add("WHEN " + Expression(window.TriggerCondition));
            }

            if (window.PartitionBy.Count > 0)
            {
                over.Add("PARTITION BY " + List(window.PartitionBy));
            }

            return over.Count == 0 ? text : $"{text} OVER ({string.Join(" ", over)})";
        }
    }
}
