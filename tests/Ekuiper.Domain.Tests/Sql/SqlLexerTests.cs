using Ekuiper.Domain.Sql;

namespace Ekuiper.Domain.Tests.Sql;

public class SqlLexerTests
{
    private static string Describe(string sql) =>
        string.Join(" ", SqlLexer.Tokenize(sql).Select(token => $"{token.Kind}:{token.Text}@{token.Position}"));

    private static TokenKind[] Kinds(string sql) => SqlLexer.Tokenize(sql).Select(token => token.Kind).ToArray();

    [TestCase("", "EndOfInput:@0")]
    [TestCase("   \n\t ", "EndOfInput:@6")]
    [TestCase("abc", "Identifier:abc@0 EndOfInput:@3")]
    [TestCase("a_1 b2", "Identifier:a_1@0 Identifier:b2@4 EndOfInput:@6")]
    [TestCase("`select`", "Identifier:select@0 EndOfInput:@8")]
    [TestCase("`a b.c`", "Identifier:a b.c@0 EndOfInput:@7")]
    [TestCase("12 3.5 .5", "Integer:12@0 Number:3.5@3 Number:.5@7 EndOfInput:@9")]
    [TestCase("1.2.3", "Number:1.2.3@0 EndOfInput:@5")]
    [TestCase("\"a\\\"b\"", "String:a\"b@0 EndOfInput:@6")]
    [TestCase("'it\\'s'", "SingleQuotedString:it's@0 EndOfInput:@7")]
    [TestCase("'say \"hi\"'", "SingleQuotedString:say \"hi\"@0 EndOfInput:@10")]
    [TestCase("\"tab\\there\"", "String:tab\there@0 EndOfInput:@11")]
    [TestCase("\"\\u00e9\\x41\\101\"", "String:éAA@0 EndOfInput:@16")]
    [TestCase("a -- comment\nb", "Identifier:a@0 Identifier:b@13 EndOfInput:@14")]
    [TestCase("a /* x\ny */ b", "Identifier:a@0 Identifier:b@12 EndOfInput:@13")]
    [TestCase("a->b", "Identifier:a@0 Arrow:->@1 Identifier:b@3 EndOfInput:@4")]
    [TestCase("a.b[0:2]", "Identifier:a@0 Dot:.@1 Identifier:b@2 LeftBracket:[@3 Integer:0@4 Colon::@5 Integer:2@6 RightBracket:]@7 EndOfInput:@8")]
    [TestCase("@", "Illegal:@@0 EndOfInput:@1")]
    public void Tokenizes(string sql, string expected) =>
        Assert.That(Describe(sql), Is.EqualTo(expected));

    [TestCase("= != <> < <= > >=", new[] { TokenKind.Equal, TokenKind.NotEqual, TokenKind.NotEqual, TokenKind.Less, TokenKind.LessOrEqual, TokenKind.Greater, TokenKind.GreaterOrEqual, TokenKind.EndOfInput })]
    [TestCase("+ - * / % & | ^", new[] { TokenKind.Plus, TokenKind.Minus, TokenKind.Asterisk, TokenKind.Slash, TokenKind.Percent, TokenKind.Ampersand, TokenKind.Pipe, TokenKind.Caret, TokenKind.EndOfInput })]
    [TestCase(", ( ) [ ] : # ; .", new[] { TokenKind.Comma, TokenKind.LeftParen, TokenKind.RightParen, TokenKind.LeftBracket, TokenKind.RightBracket, TokenKind.Colon, TokenKind.Hash, TokenKind.Semicolon, TokenKind.Dot, TokenKind.EndOfInput })]
    [TestCase("select From wHeRe", new[] { TokenKind.Select, TokenKind.From, TokenKind.Where, TokenKind.EndOfInput })]
    [TestCase("true FALSE not in between like", new[] { TokenKind.True, TokenKind.False, TokenKind.Not, TokenKind.In, TokenKind.Between, TokenKind.Like, TokenKind.EndOfInput })]
    [TestCase("dd hh mi ss ms", new[] { TokenKind.Dd, TokenKind.Hh, TokenKind.Mi, TokenKind.Ss, TokenKind.Ms, TokenKind.EndOfInput })]
    [TestCase("stream table create with", new[] { TokenKind.Identifier, TokenKind.Identifier, TokenKind.Identifier, TokenKind.Identifier, TokenKind.EndOfInput })]
    public void RecognisesOperatorsAndReservedWords(string sql, TokenKind[] expected) =>
        Assert.That(Kinds(sql), Is.EqualTo(expected));

    [TestCase("\"abc", TokenKind.UnterminatedString, "\"abc")]
    [TestCase("\"a\\q\"", TokenKind.Illegal, "invalid string: \"a\\q\"")]
    [TestCase("\"a\\'\"", TokenKind.Illegal, "invalid string: \"a\\'\"")]
    [TestCase("\"line\nbreak\"", TokenKind.Illegal, "invalid string: \"line\nbreak\"")]
    [TestCase("/* never closed", TokenKind.Illegal, "/* never closed")]
    [TestCase("`open", TokenKind.Illegal, "`open")]
    [TestCase("_a", TokenKind.Illegal, "_")]
    public void FlagsMalformedInput(string sql, TokenKind kind, string text)
    {
        var first = SqlLexer.Tokenize(sql)[0];
        Assert.That((first.Kind, first.Text), Is.EqualTo((kind, text)));
    }

    [TestCase("select", "SELECT")]
    [TestCase("abc", "abc")]
    [TestCase("", "EOF")]
    public void LiteralQuotesTokensLikeEkuiper(string sql, string literal) =>
        Assert.That(SqlLexer.Tokenize(sql)[0].Literal, Is.EqualTo(literal));

    [Test]
    public void KeepsPositionsAcrossLines()
    {
        var tokens = SqlLexer.Tokenize("CREATE\n  STREAM x");
        Assert.That(tokens.Select(token => token.Position), Is.EqualTo(new[] { 0, 9, 16, 17 }));
    }
}
