namespace Ekuiper.Domain.Sql;

/// <summary>A cursor over a token list shared by the parsers; it never moves past the end token.</summary>
internal sealed class TokenReader(IReadOnlyList<Token> tokens)
{
    private int index;

    public Token Current => tokens[index];

    public Token PeekAhead(int offset) => tokens[Math.Min(index + offset, tokens.Count - 1)];

    public Token Advance()
    {
        var token = tokens[index];
        if (index < tokens.Count - 1)
        {
            index++;
        }

        return token;
    }

    public bool At(TokenKind kind) => Current.Kind == kind;

    /// <summary>Consumes the current token when it is of <paramref name="kind"/>.</summary>
    public bool Accept(TokenKind kind)
    {
        if (!At(kind))
        {
            return false;
        }

        Advance();
        return true;
    }

    /// <summary>Error at the current token, formatted like eKuiper's <c>found "X", …</c> messages.</summary>
    public static SqlSyntaxException Found(Token token, string expectation) =>
        new($"found {Quoted(token.Literal)}, {expectation}", token.Position);

    /// <summary>Quotes like Go's <c>%q</c>, which eKuiper uses for the offending token.</summary>
    public static string Quoted(string text) => SqlText.Quote(text);
}
