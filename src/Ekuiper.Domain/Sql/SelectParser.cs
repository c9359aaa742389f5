using Ekuiper.Domain.Sql.Ast;

namespace Ekuiper.Domain.Sql;

/// <summary>
/// Parses eKuiper rule queries (<c>SELECT … FROM … [JOIN …] [WHERE …] [GROUP BY …] [HAVING …]
/// [ORDER BY …] [LIMIT n]</c>). Errors carry eKuiper's wording where eKuiper has one.
/// </summary>
public static partial class SelectParser
{
    public static ParseResult<SelectStatement> Parse(string sql) =>
        Run(sql, parser => parser.ParseStatement());

    /// <summary>Parses a lone expression, e.g. a rule condition; <c>a.b</c> stays a qualified field.</summary>
    public static ParseResult<SqlExpression> ParseExpression(string sql) =>
        Run(sql, parser => parser.ParseStandaloneExpression());

    private static ParseResult<T> Run<T>(string? sql, Func<Parser, T> parse)
    {
        List<Token>? tokens = null;
        try
        {
            tokens = SqlLexer.RentTokens(sql ?? "");
            return ParseResult<T>.Success(parse(new Parser(new TokenReader(tokens))));
        }
        catch (SqlSyntaxException error)
        {
            return ParseResult<T>.Failure(error.ToError());
        }
        finally
        {
            if (tokens is not null)
            {
                SqlLexer.ReturnTokens(tokens);
            }
        }
    }

    private sealed partial class Parser(TokenReader tokens)
    {
        private const int ComparisonPrecedence = 3;

        // Inside the argument list of meta(…) or mqtt(…), names denote metadata keys, not columns.
        private bool inMetaArguments;

        private int nesting;

        public SelectStatement ParseStatement()
        {
            var select = tokens.Advance();
            if (select.Kind != TokenKind.Select)
            {
                throw new SqlSyntaxException($"Found {TokenReader.Quoted(select.Literal)}, Expected SELECT.", select.Position);
            }

            var fields = ParseSelectList();
            var from = tokens.Advance();
            if (from.Kind != TokenKind.From)
            {
                throw TokenReader.Found(from, "expected FROM.");
            }

            var statement = new SelectStatement(fields, ParseSource())
            {
                Joins = ParseJoins(),
                Where = tokens.Accept(TokenKind.Where) ? ParseExpression() : null,
                GroupBy = ParseGroupBy(),
                Having = tokens.Accept(TokenKind.Having) ? ParseExpression() : null,
                OrderBy = ParseOrderBy(),
                Limit = ParseLimit(),
            };
            ExpectEndOfStatement();
            CheckDepth(statement.Expressions());
            return QualifiedNames.Resolve(statement);
        }

        public SqlExpression ParseStandaloneExpression()
        {
            var expression = ParseExpression();
            ExpectEndOfStatement();
            CheckDepth([expression]);
            return expression;
        }

        // Long operator chains (a + b + c …) are parsed iteratively but give deep trees, which the
        // recursive tree operations (printing, equality, rewriting) must not overflow on.
        private static void CheckDepth(IEnumerable<SqlExpression> expressions)
        {
            if (expressions.Any(expression => SqlLimits.Depth(expression) > SqlLimits.MaxTreeDepth))
            {
                throw new SqlSyntaxException(
                    $"expression is nested too deeply (more than {SqlLimits.MaxTreeDepth} levels).", 0);
            }
        }

        private void ExpectEndOfStatement()
        {
            tokens.Accept(TokenKind.Semicolon);
            var next = tokens.Current;
            if (next.Kind != TokenKind.EndOfInput)
            {
                throw TokenReader.Found(next, "expected EOF.");
            }
        }

        private ValueList<SelectField> ParseSelectList()
        {
            var fields = new List<SelectField>();
            do
            {
                fields.Add(ParseSelectField());
            }
            while (tokens.Accept(TokenKind.Comma));

            return ValueList.From(fields);
        }

        private SelectField ParseSelectField()
        {
            var expression = ParseExpression();
            string? alias = null;
            if (tokens.Accept(TokenKind.As))
            {
                var name = tokens.Advance();
                if (name.Kind != TokenKind.Identifier)
                {
                    throw TokenReader.Found(name, "expected as alias.");
                }

                if (expression is Wildcard)
                {
                    throw new SqlSyntaxException("alias is not supported for *", name.Position);
                }

                alias = name.Text;
            }

            return new SelectField(expression, alias) { IsInvisible = tokens.Accept(TokenKind.Invisible) };
        }

        private SourceRef ParseSource()
        {
            var name = ParseSourceName();
            if (!tokens.Accept(TokenKind.As))
            {
                return new SourceRef(name, null);
            }

            var alias = tokens.Advance();
            if (alias.Kind != TokenKind.Identifier)
            {
                throw TokenReader.Found(alias, "expected as alias.");
            }

            return new SourceRef(name, alias.Text);
        }

        /// <summary>
        /// A source name may be glued from names and <c>/ # +</c> (eKuiper allows MQTT-topic-like
        /// names). Unlike eKuiper, pieces must touch: <c>FROM a b</c> is not the stream <c>ab</c>.
        /// </summary>
        private string ParseSourceName()
        {
            var first = tokens.Advance();
            if (!IsSourceNamePiece(first))
            {
                throw TokenReader.Found(first, "expected stream name.");
            }

            var name = first.Text;
            var end = first.Position + first.Length;
            while (IsSourceNamePiece(tokens.Current) && tokens.Current.Position == end)
            {
                var piece = tokens.Advance();
                name += piece.Text;
                end = piece.Position + piece.Length;
            }

            return name;
        }

        private static bool IsSourceNamePiece(Token token) =>
            token.Kind is TokenKind.Identifier or TokenKind.Slash or TokenKind.Hash or TokenKind.Plus;

        private ValueList<JoinClause> ParseJoins()
        {
            var joins = new List<JoinClause>();
            while (JoinKindOf(tokens.Current.Kind) is { } kind)
            {
                var kindToken = tokens.Advance();
                if (!tokens.Accept(TokenKind.Join))
                {
                    throw TokenReader.Found(kindToken, "expected JOIN key word.");
                }

                var source = ParseSource();
                SqlExpression? condition = null;
                if (tokens.At(TokenKind.On))
                {
                    if (kind == JoinKind.Cross)
                    {
                        throw new SqlSyntaxException("On expression is not required for cross join type.", tokens.Current.Position);
                    }

                    tokens.Advance();
                    condition = ParseExpression();
                }

                joins.Add(new JoinClause(kind, source, condition));
            }

            return ValueList.From(joins);
        }

        private static JoinKind? JoinKindOf(TokenKind kind) => kind switch
        {
            TokenKind.Inner => JoinKind.Inner,
            TokenKind.Left => JoinKind.Left,
            TokenKind.Right => JoinKind.Right,
            TokenKind.Full => JoinKind.Full,
            TokenKind.Cross => JoinKind.Cross,
            _ => null,
        };

        private ValueList<SqlExpression> ParseGroupBy()
        {
            if (!tokens.Accept(TokenKind.Group))
            {
                return ValueList<SqlExpression>.Empty;
            }

            ExpectBy("expected BY statement.");
            return ParseExpressionList();
        }

        private ValueList<SortField> ParseOrderBy()
        {
            if (!tokens.Accept(TokenKind.Order))
            {
                return ValueList<SortField>.Empty;
            }

            ExpectBy("expected BY keyword.");
            var sorts = new List<SortField>();
            do
            {
                var expression = ParseExpression();
                var ascending = !tokens.Accept(TokenKind.Desc);
                if (ascending)
                {
                    tokens.Accept(TokenKind.Asc);
                }

                sorts.Add(new SortField(expression, ascending));
            }
            while (tokens.Accept(TokenKind.Comma));

            return ValueList.From(sorts);
        }

        private void ExpectBy(string expectation)
        {
            var by = tokens.Advance();
            if (by.Kind != TokenKind.By)
            {
                throw TokenReader.Found(by, expectation);
            }
        }

        private long? ParseLimit()
        {
            if (!tokens.Accept(TokenKind.Limit))
            {
                return null;
            }

            var start = tokens.Current;
            return ParseExpression() is IntegerLiteral count
                ? count.Value
                : throw new SqlSyntaxException("limit should be integer", start.Position);
        }

        private ValueList<SqlExpression> ParseExpressionList()
        {
            var expressions = new List<SqlExpression>();
            do
            {
                expressions.Add(ParseExpression());
            }
            while (tokens.Accept(TokenKind.Comma));

            return ValueList.From(expressions);
        }
    }
}
