namespace Ekuiper.Domain.Sql;

/// <summary>One lexical token.</summary>
/// <param name="Kind">Its category.</param>
/// <param name="Text">
/// Identifiers: the name (back-quotes removed). Strings: the unescaped value.
/// Everything else: the source text as written.
/// </param>
/// <param name="Position">0-based character offset of the token's first character.</param>
public readonly record struct Token(TokenKind Kind, string Text, int Position)
{
    /// <summary>Number of source characters the token spans (quotes and back-quotes included).</summary>
    public int Length { get; init; }

    public bool IsKeyword => Kind >= TokenKind.Select;

    /// <summary>
    /// The token as eKuiper quotes it in error messages: reserved words upper-cased, end of input as
    /// <c>EOF</c>, everything else as <see cref="Text"/>.
    /// </summary>
    public string Literal => Kind switch
    {
        TokenKind.EndOfInput => "EOF",
        _ when IsKeyword => Text.ToUpperInvariant(),
        _ => Text,
    };

    /// <summary>
    /// The token's category as eKuiper names it in a few messages (its Go <c>Token.String()</c>):
    /// <c>IDENT</c>, <c>INTEGER</c>, <c>EOF</c>, an operator's symbol, a reserved word upper-cased.
    /// </summary>
    public string CategoryName => Kind switch
    {
        TokenKind.EndOfInput => "EOF",
        TokenKind.Illegal => "ILLEGAL",
        TokenKind.UnterminatedString => "",
        TokenKind.Identifier => "IDENT",
        TokenKind.Integer => "INTEGER",
        TokenKind.Number => "NUMBER",
        TokenKind.String => "STRING",
        TokenKind.SingleQuotedString => "SINGLEQUOTE",
        TokenKind.NotEqual => "!=",
        _ when IsKeyword => Text.ToUpperInvariant(),
        _ => Text,
    };

    /// <summary>True for an unreserved word equal, ignoring case, to <paramref name="word"/>.</summary>
    public bool IsWord(string word) =>
        Kind == TokenKind.Identifier && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);
}
