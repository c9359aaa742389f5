using System.Globalization;
using System.Text;

namespace Ekuiper.Domain.Sql;

/// <summary>
/// Splits eKuiper SQL into tokens. Whitespace and comments (<c>-- …</c> to end of line, <c>/* … */</c>)
/// are dropped; the list always ends with one <see cref="TokenKind.EndOfInput"/> token. Never throws:
/// anything unrecognisable becomes an <see cref="TokenKind.Illegal"/> token for the parser to report.
/// </summary>
public static class SqlLexer
{
    private static readonly Dictionary<string, TokenKind> ReservedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SELECT"] = TokenKind.Select,
        ["AS"] = TokenKind.As,
        ["FROM"] = TokenKind.From,
        ["WHERE"] = TokenKind.Where,
        ["AND"] = TokenKind.And,
        ["OR"] = TokenKind.Or,
        ["GROUP"] = TokenKind.Group,
        ["HAVING"] = TokenKind.Having,
        ["ORDER"] = TokenKind.Order,
        ["BY"] = TokenKind.By,
        ["ASC"] = TokenKind.Asc,
        ["DESC"] = TokenKind.Desc,
        ["FILTER"] = TokenKind.Filter,
        ["INNER"] = TokenKind.Inner,
        ["LEFT"] = TokenKind.Left,
        ["RIGHT"] = TokenKind.Right,
        ["FULL"] = TokenKind.Full,
        ["CROSS"] = TokenKind.Cross,
        ["JOIN"] = TokenKind.Join,
        ["ON"] = TokenKind.On,
        ["CASE"] = TokenKind.Case,
        ["WHEN"] = TokenKind.When,
        ["THEN"] = TokenKind.Then,
        ["ELSE"] = TokenKind.Else,
        ["END"] = TokenKind.End,
        ["DEFAULT"] = TokenKind.Default,
        ["IN"] = TokenKind.In,
        ["NOT"] = TokenKind.Not,
        ["BETWEEN"] = TokenKind.Between,
        ["LIKE"] = TokenKind.Like,
        ["OVER"] = TokenKind.Over,
        ["PARTITION"] = TokenKind.Partition,
        ["REPLACE"] = TokenKind.Replace,
        ["EXCEPT"] = TokenKind.Except,
        ["INVISIBLE"] = TokenKind.Invisible,
        ["TRUE"] = TokenKind.True,
        ["FALSE"] = TokenKind.False,
        ["LIMIT"] = TokenKind.Limit,
        ["DD"] = TokenKind.Dd,
        ["HH"] = TokenKind.Hh,
        ["MI"] = TokenKind.Mi,
        ["SS"] = TokenKind.Ss,
        ["MS"] = TokenKind.Ms,
    };

    private static readonly Dictionary<string, TokenKind>.AlternateLookup<ReadOnlySpan<char>> ReservedWordsBySpan =
        ReservedWords.GetAlternateLookup<ReadOnlySpan<char>>();

    public static IReadOnlyList<Token> Tokenize(string sql) => Tokenize(sql, []);

    /// <summary>A token list each thread keeps between two parses (see <see cref="RentTokens"/>).</summary>
    [ThreadStatic]
    private static List<Token>? spareTokens;

    /// <summary>Lists longer than this are not kept for the next parse.</summary>
    private const int MaxSpareTokens = 4096;

    /// <summary>
    /// Tokenizes into a list the calling thread reuses from one parse to the next: a parser needs the list only while
    /// it parses, and an import parses one statement per stream and rule, so growing a new list each time was most of
    /// what the lexer allocated. Give it back with <see cref="ReturnTokens"/> once the parse is over.
    /// </summary>
    internal static List<Token> RentTokens(string sql)
    {
        var tokens = spareTokens ?? new List<Token>(64);
        spareTokens = null; // a parse started while this one runs gets a list of its own
        return Tokenize(sql, tokens);
    }

    internal static void ReturnTokens(List<Token> tokens)
    {
        if (tokens.Capacity <= MaxSpareTokens)
        {
            tokens.Clear();
            spareTokens = tokens;
        }
    }

    private static List<Token> Tokenize(string sql, List<Token> tokens)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var scanner = new Scanner(sql);
        Token token;
        do
        {
            token = scanner.Next();
            tokens.Add(token);
        }
        while (token.Kind != TokenKind.EndOfInput);
        return tokens;
    }

    /// <summary>Whether <paramref name="word"/> is reserved, i.e. needs back-quotes to be used as a name.</summary>
    public static bool IsReservedWord(string word) => ReservedWords.ContainsKey(word);

    // eKuiper only accepts ASCII letters in names, and a name cannot start with '_' or a digit.
    private static bool IsLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsWhiteSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private sealed class Scanner(string source)
    {
        private int position;

        public Token Next()
        {
            while (true)
            {
                SkipWhiteSpace();
                if (position >= source.Length)
                {
                    return new Token(TokenKind.EndOfInput, "", source.Length);
                }

                if (At(0) == '-' && At(1) == '-')
                {
                    SkipLineComment();
                    continue;
                }

                if (At(0) == '/' && At(1) == '*')
                {
                    if (!SkipBlockComment(out var unterminated))
                    {
                        return unterminated with { Length = position - unterminated.Position };
                    }

                    continue;
                }

                var token = ScanToken();
                return token with { Length = position - token.Position };
            }
        }

        private char At(int ahead) =>
            position + ahead < source.Length ? source[position + ahead] : '\0';

        private void SkipWhiteSpace()
        {
            while (position < source.Length && IsWhiteSpace(source[position]))
            {
                position++;
            }
        }

        private void SkipLineComment()
        {
            while (position < source.Length && source[position] != '\n')
            {
                position++;
            }
        }

        private bool SkipBlockComment(out Token unterminated)
        {
            var start = position;
            var end = source.IndexOf("*/", position + 2, StringComparison.Ordinal);
            if (end < 0)
            {
                position = source.Length;
                unterminated = new Token(TokenKind.Illegal, source[start..], start);
                return false;
            }

            position = end + 2;
            unterminated = default;
            return true;
        }

        private Token ScanToken()
        {
            var start = position;
            var c = source[position];
            if (IsLetter(c))
            {
                return ScanWord();
            }

            if (IsDigit(c) || (c == '.' && IsDigit(At(1))))
            {
                return ScanNumber();
            }

            switch (c)
            {
                case '"':
                case '\'':
                    return ScanString(c);
                case '`':
                    return ScanQuotedIdentifier();
                case '!' when At(1) == '=':
                    return Operator(TokenKind.NotEqual, 2);
                case '<' when At(1) == '=':
                    return Operator(TokenKind.LessOrEqual, 2);
                case '<' when At(1) == '>':
                    return Operator(TokenKind.NotEqual, 2);
                case '>' when At(1) == '=':
                    return Operator(TokenKind.GreaterOrEqual, 2);
                case '-' when At(1) == '>':
                    return Operator(TokenKind.Arrow, 2);
                case '<':
                    return Operator(TokenKind.Less, 1);
                case '>':
                    return Operator(TokenKind.Greater, 1);
                case '=':
                    return Operator(TokenKind.Equal, 1);
                case '+':
                    return Operator(TokenKind.Plus, 1);
                case '-':
                    return Operator(TokenKind.Minus, 1);
                case '*':
                    return Operator(TokenKind.Asterisk, 1);
                case '/':
                    return Operator(TokenKind.Slash, 1);
                case '%':
                    return Operator(TokenKind.Percent, 1);
                case '&':
                    return Operator(TokenKind.Ampersand, 1);
                case '|':
                    return Operator(TokenKind.Pipe, 1);
                case '^':
                    return Operator(TokenKind.Caret, 1);
                case '.':
                    return Operator(TokenKind.Dot, 1);
                case ',':
                    return Operator(TokenKind.Comma, 1);
                case '(':
                    return Operator(TokenKind.LeftParen, 1);
                case ')':
                    return Operator(TokenKind.RightParen, 1);
                case '[':
                    return Operator(TokenKind.LeftBracket, 1);
                case ']':
                    return Operator(TokenKind.RightBracket, 1);
                case ':':
                    return Operator(TokenKind.Colon, 1);
                case '#':
                    return Operator(TokenKind.Hash, 1);
                case ';':
                    return Operator(TokenKind.Semicolon, 1);
                default:
                    position++;
                    return new Token(TokenKind.Illegal, c.ToString(), start);
            }
        }

        private Token Operator(TokenKind kind, int length)
        {
            var token = new Token(kind, source.Substring(position, length), position);
            position += length;
            return token;
        }

        private Token ScanWord()
        {
            var start = position;
            while (position < source.Length && (IsLetter(source[position]) || IsDigit(source[position]) || source[position] == '_'))
            {
                position++;
            }

            var span = source.AsSpan(start, position - start);
            if (ReservedWordsBySpan.TryGetValue(span, out var reserved, out var kind))
            {
                // A reserved word written as the table spells it is that same string, not a copy.
                return new Token(kind, span.SequenceEqual(reserved) ? reserved : span.ToString(), start);
            }

            return new Token(TokenKind.Identifier, span.ToString(), start);
        }

        // eKuiper reads digits and dots greedily, so "1.2.3" is one (invalid) number the parser rejects.
        private Token ScanNumber()
        {
            var start = position;
            var hasDot = false;
            while (position < source.Length && (IsDigit(source[position]) || source[position] == '.'))
            {
                hasDot |= source[position] == '.';
                position++;
            }

            return new Token(hasDot ? TokenKind.Number : TokenKind.Integer, source[start..position], start);
        }

        private Token ScanQuotedIdentifier()
        {
            var start = position;
            var end = source.IndexOf('`', start + 1);
            if (end < 0)
            {
                position = source.Length;
                return new Token(TokenKind.Illegal, source[start..], start);
            }

            position = end + 1;
            return new Token(TokenKind.Identifier, source[(start + 1)..end], start);
        }

        /// <summary>
        /// Strings follow Go's escape rules (eKuiper unquotes them with strconv.Unquote): a raw line
        /// break or an unknown escape makes the string invalid; <c>\'</c> is only valid in single quotes.
        /// </summary>
        private Token ScanString(char quote)
        {
            var start = position;
            position++;
            var value = new StringBuilder();
            var valid = true;
            while (true)
            {
                if (position >= source.Length)
                {
                    return new Token(TokenKind.UnterminatedString, source[start..], start);
                }

                var c = source[position];
                if (c == quote)
                {
                    position++;
                    break;
                }

                if (c == '\n')
                {
                    valid = false;
                    position++;
                    continue;
                }

                if (c != '\\')
                {
                    value.Append(c);
                    position++;
                    continue;
                }

                if (position + 1 >= source.Length)
                {
                    return new Token(TokenKind.UnterminatedString, source[start..], start);
                }

                valid &= TryAppendEscape(quote, value);
            }

            var raw = source[start..position];
            if (!valid)
            {
                return new Token(TokenKind.Illegal, "invalid string: " + raw, start);
            }

            var kind = quote == '"' ? TokenKind.String : TokenKind.SingleQuotedString;
            return new Token(kind, value.ToString(), start);
        }

        // Called with the position on a backslash that has at least one character after it.
        private bool TryAppendEscape(char quote, StringBuilder value)
        {
            var escaped = source[position + 1];
            position += 2;
            char? simple = escaped switch
            {
                'a' => '\a',
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'v' => '\v',
                '\\' => '\\',
                '"' => '"',
                '\'' when quote == '\'' => '\'',
                _ => null,
            };
            if (simple is { } plain)
            {
                value.Append(plain);
                return true;
            }

            switch (escaped)
            {
                case 'x':
                    return TryAppendCodePoint(2, value);
                case 'u':
                    return TryAppendCodePoint(4, value);
                case 'U':
                    return TryAppendCodePoint(8, value);
                case >= '0' and <= '7':
                    position--;
                    return TryAppendOctal(value);
                default:
                    return false;
            }
        }

        private bool TryAppendCodePoint(int digits, StringBuilder value)
        {
            if (position + digits > source.Length ||
                !int.TryParse(source.AsSpan(position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var codePoint) ||
                codePoint > 0x10FFFF || codePoint is >= 0xD800 and <= 0xDFFF)
            {
                return false;
            }

            position += digits;
            value.Append(char.ConvertFromUtf32(codePoint));
            return true;
        }

        private bool TryAppendOctal(StringBuilder value)
        {
            if (position + 3 > source.Length)
            {
                return false;
            }

            var code = 0;
            for (var i = 0; i < 3; i++)
            {
                var digit = source[position + i];
                if (digit is < '0' or > '7')
                {
                    return false;
                }

                code = (code * 8) + (digit - '0');
            }

            if (code > 255)
            {
                return false;
            }

            position += 3;
            value.Append((char)code);
            return true;
        }
    }
}
