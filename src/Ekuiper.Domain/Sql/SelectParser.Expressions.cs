using System.Globalization;
using Ekuiper.Domain.Sql.Ast;

namespace Ekuiper.Domain.Sql;

public static partial class SelectParser
{
    /// <summary>Expressions: operators by precedence, postfix access, literals, names, CASE.</summary>
    private sealed partial class Parser
    {
        private SqlExpression ParseExpression()
        {
            // Every recursive construct (parentheses, calls, CASE, brackets) passes through here, so
            // bounding this depth bounds the parser's stack use on hostile input.
            if (++nesting > SqlLimits.MaxNesting)
            {
                throw new SqlSyntaxException(
                    $"expression is nested too deeply (more than {SqlLimits.MaxNesting} levels).", tokens.Current.Position);
            }

            try
            {
                return ParseBinary(1);
            }
            finally
            {
                nesting--;
            }
        }

        /// <summary>Precedence climbing over eKuiper's binary operators (all left-associative).</summary>
        private SqlExpression ParseBinary(int minimumPrecedence)
        {
            var left = ParsePostfix();
            while (true)
            {
                var current = tokens.Current;
                if (BinaryOperatorOf(current.Kind) is { } op)
                {
                    var precedence = op.Precedence();
                    if (precedence < minimumPrecedence)
                    {
                        return left;
                    }

                    tokens.Advance();
                    left = new BinaryExpr(left, op, ParseBinary(precedence + 1));
                    continue;
                }

                if (current.Kind is not (TokenKind.In or TokenKind.Between or TokenKind.Not) ||
                    ComparisonPrecedence < minimumPrecedence)
                {
                    return left;
                }

                tokens.Advance();
                var negated = current.Kind == TokenKind.Not;
                var keyword = negated ? tokens.Advance() : current;
                left = keyword.Kind switch
                {
                    TokenKind.In => ParseIn(left, negated),
                    TokenKind.Between => ParseBetween(left, negated),
                    TokenKind.Like => new BinaryExpr(left, BinaryOperator.NotLike, ParseBinary(ComparisonPrecedence + 1)),
                    _ => throw new SqlSyntaxException(
                        $"found {TokenReader.Quoted(keyword.Literal)}, expected expression", keyword.Position),
                };
            }
        }

        private static BinaryOperator? BinaryOperatorOf(TokenKind kind) => kind switch
        {
            TokenKind.Or => BinaryOperator.Or,
            TokenKind.And => BinaryOperator.And,
            TokenKind.Equal => BinaryOperator.Equal,
            TokenKind.NotEqual => BinaryOperator.NotEqual,
            TokenKind.Less => BinaryOperator.Less,
            TokenKind.LessOrEqual => BinaryOperator.LessOrEqual,
            TokenKind.Greater => BinaryOperator.Greater,
            TokenKind.GreaterOrEqual => BinaryOperator.GreaterOrEqual,
            TokenKind.Like => BinaryOperator.Like,
            TokenKind.Plus => BinaryOperator.Add,
            TokenKind.Minus => BinaryOperator.Subtract,
            TokenKind.Pipe => BinaryOperator.BitwiseOr,
            TokenKind.Caret => BinaryOperator.BitwiseXor,
            TokenKind.Asterisk => BinaryOperator.Multiply,
            TokenKind.Slash => BinaryOperator.Divide,
            TokenKind.Percent => BinaryOperator.Modulo,
            TokenKind.Ampersand => BinaryOperator.BitwiseAnd,
            _ => null,
        };

        private SqlExpression ParseIn(SqlExpression operand, bool negated)
        {
            if (!tokens.Accept(TokenKind.LeftParen))
            {
                var collection = Rewrap("expect expression after IN, but got error ", () => ParseBinary(ComparisonPrecedence + 1));
                return new InArrayExpr(operand, negated, collection);
            }

            var values = new List<SqlExpression>();
            do
            {
                values.Add(Rewrap("expect elements for IN expression, but ", ParseExpression));
            }
            while (tokens.Accept(TokenKind.Comma));

            var close = tokens.Advance();
            if (close.Kind != TokenKind.RightParen)
            {
                throw new SqlSyntaxException(
                    $"expect ) for IN expression, but got {TokenReader.Quoted(close.Literal)}", close.Position);
            }

            return new InListExpr(operand, negated, ValueList.From(values));
        }

        // eKuiper prefixes errors inside an IN operand with where they happened.
        private static SqlExpression Rewrap(string prefix, Func<SqlExpression> parse)
        {
            try
            {
                return parse();
            }
            catch (SqlSyntaxException inner)
            {
                throw new SqlSyntaxException(prefix + inner.Message, inner.Position);
            }
        }

        private BetweenExpr ParseBetween(SqlExpression operand, bool negated)
        {
            var lower = ParsePostfix();
            var and = tokens.Advance();
            if (and.Kind != TokenKind.And)
            {
                throw new SqlSyntaxException(
                    $"expect AND expression after between but found {and.CategoryName}", and.Position);
            }

            return new BetweenExpr(operand, negated, lower, ParsePostfix());
        }

        /// <summary>A primary followed by any number of <c>[…]</c>, <c>->name</c> and <c>.name</c> accesses.</summary>
        private SqlExpression ParsePostfix()
        {
            var expression = ParsePrimary();
            while (true)
            {
                if (tokens.Accept(TokenKind.LeftBracket))
                {
                    expression = ParseBracket(expression);
                }
                else if (tokens.Accept(TokenKind.Arrow) || tokens.Accept(TokenKind.Dot))
                {
                    var name = tokens.Advance();
                    if (name.Kind != TokenKind.Identifier)
                    {
                        throw TokenReader.Found(name, "expected expression.");
                    }

                    expression = new JsonFieldAccess(expression, name.Text);
                }
                else
                {
                    return expression;
                }
            }
        }

        private SqlExpression ParseBracket(SqlExpression target)
        {
            if (tokens.Accept(TokenKind.RightBracket))
            {
                return new SliceAccess(target, null, null);
            }

            if (tokens.Accept(TokenKind.Colon))
            {
                return ParseSliceEnd(target, null);
            }

            var first = tokens.Current;
            var start = Reword(first, "The start index {0} is invalid in bracket expression.", ParseExpression);
            if (tokens.Accept(TokenKind.RightBracket))
            {
                return new IndexAccess(target, start);
            }

            if (tokens.Accept(TokenKind.Colon))
            {
                return ParseSliceEnd(target, start);
            }

            throw new SqlSyntaxException(
                $"Unexpected token {TokenReader.Quoted(first.Literal)}. when parsing bracket expressions.", tokens.Current.Position);
        }

        private SliceAccess ParseSliceEnd(SqlExpression target, SqlExpression? start)
        {
            if (tokens.Accept(TokenKind.RightBracket))
            {
                return new SliceAccess(target, start, null);
            }

            var end = Reword(tokens.Current, "The end index {0} is invalid in bracket expression.", ParseExpression);
            var close = tokens.Advance();
            if (close.Kind != TokenKind.RightBracket)
            {
                throw new SqlSyntaxException($"Found {TokenReader.Quoted(close.Literal)}, expected right bracket.", close.Position);
            }

            return new SliceAccess(target, start, end);
        }

        // eKuiper replaces errors inside a bracket bound with a message naming the bound's first token.
        private static SqlExpression Reword(Token first, string format, Func<SqlExpression> parse)
        {
            try
            {
                return parse();
            }
            catch (SqlSyntaxException inner)
            {
                throw new SqlSyntaxException(string.Format(CultureInfo.InvariantCulture, format, first.Literal), inner.Position);
            }
        }

        private SqlExpression ParsePrimary()
        {
            var token = tokens.Advance();
            switch (token.Kind)
            {
                case TokenKind.LeftParen:
                    var inner = ParseExpression();
                    var close = tokens.Advance();
                    return close.Kind == TokenKind.RightParen
                        ? new ParenExpr(inner)
                        : throw TokenReader.Found(close, "expected right paren.");
                case TokenKind.Minus when tokens.Current.Kind is TokenKind.Integer or TokenKind.Number:
                    // eKuiper has negative number literals but no unary minus on other expressions.
                    return NumberLiteralOf(tokens.Advance(), negative: true);
                case TokenKind.Integer or TokenKind.Number:
                    return NumberLiteralOf(token, negative: false);
                case TokenKind.String or TokenKind.SingleQuotedString:
                    return new StringLiteral(token.Text);
                case TokenKind.True or TokenKind.False:
                    return new BooleanLiteral(token.Kind == TokenKind.True);
                case TokenKind.Dd:
                    return new TimeUnitLiteral(TimeUnit.Day);
                case TokenKind.Hh:
                    return new TimeUnitLiteral(TimeUnit.Hour);
                case TokenKind.Mi:
                    return new TimeUnitLiteral(TimeUnit.Minute);
                case TokenKind.Ss:
                    return new TimeUnitLiteral(TimeUnit.Second);
                case TokenKind.Ms:
                    return new TimeUnitLiteral(TimeUnit.Millisecond);
                case TokenKind.Case:
                    return ParseCase();
                case TokenKind.Asterisk:
                    return ParseWildcard(null);
                case TokenKind.Identifier:
                    return ParseName(token);
                default:
                    throw TokenReader.Found(token, "expected expression.");
            }
        }

        private static SqlLiteral NumberLiteralOf(Token token, bool negative)
        {
            var text = negative ? "-" + token.Text : token.Text;
            var invariant = CultureInfo.InvariantCulture;
            if (token.Kind == TokenKind.Integer && long.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var integer))
            {
                return new IntegerLiteral(integer);
            }

            if (token.Kind == TokenKind.Number &&
                double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, invariant, out var number))
            {
                return new NumberLiteral(number);
            }

            throw new SqlSyntaxException($"found {TokenReader.Quoted(text)}, invalid number value.", token.Position);
        }

        /// <summary>A call, <c>name</c>, <c>stream.name</c> or <c>stream.*</c>.</summary>
        private SqlExpression ParseName(Token name)
        {
            if (tokens.Accept(TokenKind.LeftParen))
            {
                return ParseCall(name);
            }

            if (tokens.At(TokenKind.Dot) && tokens.PeekAhead(1).Kind == TokenKind.Identifier)
            {
                tokens.Advance();
                var member = tokens.Advance();
                return inMetaArguments ? new MetaRef(name.Text, member.Text) : new FieldRef(name.Text, member.Text);
            }

            if (tokens.At(TokenKind.Dot) && tokens.PeekAhead(1).Kind == TokenKind.Asterisk)
            {
                tokens.Advance();
                tokens.Advance();
                return ParseWildcard(name.Text);
            }

            return inMetaArguments ? new MetaRef(null, name.Text) : new FieldRef(null, name.Text);
        }

        private SqlExpression ParseWildcard(string? stream)
        {
            if (inMetaArguments)
            {
                if (tokens.Current.Kind is TokenKind.Except or TokenKind.Replace)
                {
                    throw new SqlSyntaxException(
                        $"{TokenReader.Quoted(tokens.Current.CategoryName)} is not supported in meta function", tokens.Current.Position);
                }

                return new MetaRef(stream, "*");
            }

            var wildcard = new Wildcard(stream);
            while (true)
            {
                if (tokens.Accept(TokenKind.Except))
                {
                    wildcard = wildcard with { Except = ValueList.From([.. wildcard.Except, .. ParseExceptList()]) };
                }
                else if (tokens.Accept(TokenKind.Replace))
                {
                    wildcard = wildcard with { Replace = ValueList.From([.. wildcard.Replace, .. ParseReplaceList()]) };
                }
                else
                {
                    return wildcard;
                }
            }
        }

        private List<string> ParseExceptList()
        {
            var open = tokens.Advance();
            if (open.Kind != TokenKind.LeftParen)
            {
                throw new SqlSyntaxException($"Found {TokenReader.Quoted(open.Literal)} after EXCEPT, expect left parentheses.", open.Position);
            }

            var names = new List<string>();
            while (true)
            {
                var token = tokens.Advance();
                switch (token.Kind)
                {
                    case TokenKind.Identifier:
                        names.Add(token.Text);
                        break;
                    case TokenKind.Comma:
                        break;
                    case TokenKind.RightParen:
                        return names;
                    default:
                        throw new SqlSyntaxException($"Found {TokenReader.Quoted(token.Literal)} in EXCEPT", token.Position);
                }
            }
        }

        private List<SelectField> ParseReplaceList()
        {
            var open = tokens.Advance();
            if (open.Kind != TokenKind.LeftParen)
            {
                throw new SqlSyntaxException($"Found {TokenReader.Quoted(open.Literal)} after REPLACE, expect left parentheses.", open.Position);
            }

            var fields = new List<SelectField>();
            while (true)
            {
                fields.Add(ParseSelectField());
                var separator = tokens.Advance();
                if (separator.Kind == TokenKind.RightParen)
                {
                    return fields;
                }

                if (separator.Kind != TokenKind.Comma)
                {
                    throw new SqlSyntaxException($"Found {TokenReader.Quoted(separator.Literal)} in REPLACE", separator.Position);
                }
            }
        }

        private CaseExpr ParseCase()
        {
            var operand = tokens.At(TokenKind.When) ? null : ParseExpression();
            var whenClauses = new List<WhenClause>();
            SqlExpression? elseResult = null;
            while (true)
            {
                var token = tokens.Advance();
                switch (token.Kind)
                {
                    case TokenKind.When:
                        var condition = ParseExpression();
                        if (operand is null && !IsBoolean(condition))
                        {
                            throw new SqlSyntaxException(
                                "invalid CASE expression, WHEN expression must be a bool condition", token.Position);
                        }

                        var then = tokens.Advance();
                        if (then.Kind != TokenKind.Then)
                        {
                            throw new SqlSyntaxException("invalid CASE expression, THEN expected after WHEN", then.Position);
                        }

                        whenClauses.Add(new WhenClause(condition, ParseExpression()));
                        break;
                    case TokenKind.Else when whenClauses.Count == 0:
                        throw new SqlSyntaxException("invalid CASE expression, WHEN expected before ELSE", token.Position);
                    case TokenKind.Else:
                        elseResult = ParseExpression();
                        break;
                    case TokenKind.End when whenClauses.Count == 0:
                        throw new SqlSyntaxException("invalid CASE expression, WHEN expected before END", token.Position);
                    case TokenKind.End:
                        return new CaseExpr(operand, ValueList.From(whenClauses), elseResult);
                    default:
                        throw new SqlSyntaxException("invalid CASE expression, END expected", token.Position);
                }
            }
        }

        // eKuiper's test for a searched CASE's WHEN: a boolean literal or a predicate operator.
        // Parenthesised conditions do not count, as in eKuiper.
        private static bool IsBoolean(SqlExpression condition) => condition switch
        {
            BooleanLiteral or InListExpr or InArrayExpr or BetweenExpr => true,
            BinaryExpr binary => binary.Operator.IsPredicate(),
            _ => false,
        };
    }
}
