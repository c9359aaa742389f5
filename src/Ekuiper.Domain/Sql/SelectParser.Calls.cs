using Ekuiper.Domain.Sql.Ast;

namespace Ekuiper.Domain.Sql;

public static partial class SelectParser
{
    /// <summary>Function calls, their OVER clauses, and window functions with FILTER and OVER.</summary>
    private sealed partial class Parser
    {
        private SqlExpression ParseCall(Token name)
        {
            var lowerName = name.Text.ToLowerInvariant();
            var arguments = ParseArguments(lowerName, isMeta: lowerName is "meta" or "mqtt");
            if (WindowNames.TryParse(name.Text, out var windowKind))
            {
                return ParseWindow(windowKind, lowerName, arguments, name.Position);
            }

            return new FunctionCall(name.Text, arguments) { Over = ParseCallOver() };
        }

        private ValueList<SqlExpression> ParseArguments(string lowerName, bool isMeta)
        {
            var outerInMeta = inMetaArguments;
            inMetaArguments = isMeta;
            try
            {
                var arguments = new List<SqlExpression>();

                // eKuiper tolerates a trailing comma: f(a,) is f(a).
                while (!tokens.Accept(TokenKind.RightParen))
                {
                    arguments.Add(ParseExpression());
                    var separator = tokens.Advance();
                    if (separator.Kind == TokenKind.RightParen)
                    {
                        break;
                    }

                    if (separator.Kind != TokenKind.Comma)
                    {
                        throw new SqlSyntaxException(
                            $"found function call {TokenReader.Quoted(lowerName)}, expected ), but with {TokenReader.Quoted(separator.Literal)}.",
                            separator.Position);
                    }
                }

                return ValueList.From(arguments);
            }
            finally
            {
                inMetaArguments = outerInMeta;
            }
        }

        private OverClause? ParseCallOver()
        {
            if (!tokens.Accept(TokenKind.Over))
            {
                return null;
            }

            var open = tokens.Advance();
            if (open.Kind != TokenKind.LeftParen)
            {
                throw new SqlSyntaxException($"Found {TokenReader.Quoted(open.CategoryName)} after OVER, expect parentheses.", open.Position);
            }

            var partitionBy = ParsePartitionBy();
            var orderBy = ParseOrderBy();
            var when = tokens.Accept(TokenKind.When) ? ParseExpression() : null;
            var close = tokens.Advance();
            if (partitionBy.Count == 0 && orderBy.Count == 0 && when is null)
            {
                throw new SqlSyntaxException(
                    $"Found {TokenReader.Quoted(close.CategoryName)} after OVER (, expect partition by or when.", close.Position);
            }

            if (close.Kind != TokenKind.RightParen)
            {
                throw new SqlSyntaxException(
                    $"Found {TokenReader.Quoted(close.CategoryName)}, expect right parentheses after OVER", close.Position);
            }

            return new OverClause(partitionBy, orderBy, when);
        }

        private ValueList<SqlExpression> ParsePartitionBy()
        {
            if (!tokens.Accept(TokenKind.Partition))
            {
                return ValueList<SqlExpression>.Empty;
            }

            ExpectBy("expected by after partition.");
            return ParseExpressionList();
        }

        private WindowExpr ParseWindow(WindowKind kind, string name, ValueList<SqlExpression> arguments, int position)
        {
            var problem = WindowArguments.Problem(kind, name, arguments);
            if (problem is not null)
            {
                throw new SqlSyntaxException(problem, position);
            }

            var window = new WindowExpr(kind, arguments) { Filter = ParseWindowFilter() };
            if (!tokens.Accept(TokenKind.Over))
            {
                return window;
            }

            var open = tokens.Advance();
            if (open.Kind != TokenKind.LeftParen)
            {
                throw new SqlSyntaxException($"Found {TokenReader.Quoted(open.Literal)} after OVER, expect parentheses.", open.Position);
            }

            window = window with
            {
                TriggerCondition = tokens.Accept(TokenKind.When) ? ParseExpression() : null,
                PartitionBy = ParsePartitionBy(),
            };
            var close = tokens.Advance();
            return close.Kind == TokenKind.RightParen
                ? window
                : throw new SqlSyntaxException($"Found {TokenReader.Quoted(close.Literal)} after OVER, expect right parentheses.", close.Position);
        }

        private SqlExpression? ParseWindowFilter()
        {
            if (!tokens.Accept(TokenKind.Filter))
            {
                return null;
            }

            var open = tokens.Advance();
            if (open.Kind != TokenKind.LeftParen)
            {
                throw new SqlSyntaxException($"Found {TokenReader.Quoted(open.Literal)} after FILTER, expect parentheses.", open.Position);
            }

            var where = tokens.Advance();
            if (where.Kind != TokenKind.Where)
            {
                throw new SqlSyntaxException($"Found {TokenReader.Quoted(where.Literal)} after FILTER(, expect WHERE.", where.Position);
            }

            var condition = ParseExpression();
            var close = tokens.Advance();
            return close.Kind == TokenKind.RightParen
                ? condition
                : throw new SqlSyntaxException($"Found {TokenReader.Quoted(close.Literal)} after FILTER, expect right parentheses.", close.Position);
        }
    }
}
