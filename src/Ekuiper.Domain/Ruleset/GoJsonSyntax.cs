using System.Globalization;
using System.Text;

namespace Ekuiper.Domain.Ruleset;

/// <summary>
/// What a Go client of eKuiper's API sees when a body is not JSON: the texts of Go's encoding/json scanner
/// ("invalid character 'x' looking for beginning of value", "unexpected end of JSON input", …), found by scanning the
/// body's UTF-8 bytes as that scanner does. <see cref="Unmarshal"/> answers as json.Unmarshal (the whole text is one
/// value); <see cref="Decode"/> as json.NewDecoder(body).Decode (the first value only: "EOF" for an empty body,
/// "unexpected EOF" for a cut one, and what follows the first value is not read).
/// </summary>
public static class GoJsonSyntax
{
    /// <summary>json.Unmarshal's syntax error for <paramref name="text"/>, or null when it is one JSON value.</summary>
    public static string? Unmarshal(string text) => Scan(Encoding.UTF8.GetBytes(text), decoder: false);

    /// <summary>json.Unmarshal's syntax error for the UTF-8 text <paramref name="utf8Text"/>, or null when it is one JSON value.</summary>
    public static string? Unmarshal(ReadOnlySpan<byte> utf8Text) => Scan(utf8Text.ToArray(), decoder: false);

    /// <summary>json.Decoder.Decode's syntax error for <paramref name="text"/>, or null when it starts with a JSON value.</summary>
    public static string? Decode(string text) => Scan(Encoding.UTF8.GetBytes(text), decoder: true);

    /// <summary>
    /// As <see cref="Decode(string)"/>, and the first value's text (white space before it left out): what Go's decoder
    /// reads of the body. Empty when there is an error.
    /// </summary>
    public static string? Decode(string text, out string firstValue)
    {
        firstValue = string.Empty;
        var bytes = Encoding.UTF8.GetBytes(text);
        var scanner = new Scanner(bytes);
        scanner.SkipSpace();
        if (scanner.AtEnd)
        {
            return "EOF";
        }
        var start = scanner.Position;
        try
        {
            scanner.Value();
        }
        catch (SyntaxException e)
        {
            return e.EndOfInput ? "unexpected EOF" : e.Message;
        }
        firstValue = Encoding.UTF8.GetString(bytes, start, scanner.Position - start);
        return null;
    }

    /// <summary>How Go names a JSON value's kind in "json: cannot unmarshal X into Go value of type …".</summary>
    public static string KindOf(System.Text.Json.JsonValueKind kind) => kind switch
    {
        System.Text.Json.JsonValueKind.Object => "object",
        System.Text.Json.JsonValueKind.Array => "array",
        System.Text.Json.JsonValueKind.String => "string",
        System.Text.Json.JsonValueKind.Number => "number",
        System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "bool",
        _ => "null",
    };

    private const string EndOfInput = "unexpected end of JSON input";

    private static string? Scan(byte[] utf8Text, bool decoder)
    {
        var scanner = new Scanner(utf8Text);
        scanner.SkipSpace();
        if (scanner.AtEnd)
        {
            return decoder ? "EOF" : EndOfInput;
        }
        try
        {
            scanner.Value();
            if (!decoder)
            {
                scanner.SkipSpace();
                if (!scanner.AtEnd)
                {
                    throw scanner.Invalid("after top-level value");
                }
            }
            return null;
        }
        catch (SyntaxException e)
        {
            return e.EndOfInput ? (decoder ? "unexpected EOF" : EndOfInput) : e.Message;
        }
    }

    private sealed class SyntaxException(string message, bool endOfInput) : Exception(message)
    {
        public bool EndOfInput { get; } = endOfInput;
    }

    private sealed class Scanner(byte[] bytes)
    {
        private int _at;

        public bool AtEnd => _at >= bytes.Length;

        public int Position => _at;

        public void SkipSpace()
        {
            while (!AtEnd && bytes[_at] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                _at++;
            }
        }

        private byte Next()
        {
            if (AtEnd)
            {
                throw new SyntaxException(EndOfInput, true);
            }
            return bytes[_at++];
        }

        private byte PeekOrEnd() => AtEnd ? (byte)0 : bytes[_at];

        public SyntaxException Invalid(string context) => InvalidAt(bytes[_at], context);

        private static SyntaxException InvalidAt(byte c, string context) =>
            new($"invalid character {QuoteChar(c)} {context}", false);

        public void Value()
        {
            SkipSpace();
            var c = Next();
            switch (c)
            {
                case (byte)'{': Object(); return;
                case (byte)'[': Array(); return;
                case (byte)'"': String(); return;
                case (byte)'-' or (>= (byte)'0' and <= (byte)'9'): Number(c); return;
                case (byte)'t': Literal("true"); return;
                case (byte)'f': Literal("false"); return;
                case (byte)'n': Literal("null"); return;
                default: throw InvalidAt(c, "looking for beginning of value");
            }
        }

        private void Object()
        {
            SkipSpace();
            var c = Next();
            if (c == '}')
            {
                return;
            }
            while (true)
            {
                if (c != '"')
                {
                    throw InvalidAt(c, "looking for beginning of object key string");
                }
                String();
                SkipSpace();
                c = Next();
                if (c != ':')
                {
                    throw InvalidAt(c, "after object key");
                }
                Value();
                SkipSpace();
                c = Next();
                if (c == '}')
                {
                    return;
                }
                if (c != ',')
                {
                    throw InvalidAt(c, "after object key:value pair");
                }
                SkipSpace();
                c = Next();
            }
        }

        private void Array()
        {
            SkipSpace();
            if (PeekOrEnd() == ']')
            {
                _at++;
                return;
            }
            while (true)
            {
                Value();
                SkipSpace();
                var c = Next();
                if (c == ']')
                {
                    return;
                }
                if (c != ',')
                {
                    throw InvalidAt(c, "after array element");
                }
            }
        }

        private void String()
        {
            while (true)
            {
                var c = Next();
                if (c == '"')
                {
                    return;
                }
                if (c < 0x20)
                {
                    throw InvalidAt(c, "in string literal");
                }
                if (c != '\\')
                {
                    continue;
                }
                c = Next();
                switch (c)
                {
                    case (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t' or (byte)'\\' or (byte)'/' or (byte)'"':
                        break;
                    case (byte)'u':
                        for (var i = 0; i < 4; i++)
                        {
                            c = Next();
                            if (!Uri.IsHexDigit((char)c))
                            {
                                throw InvalidAt(c, "in \\u hexadecimal character escape");
                            }
                        }
                        break;
                    default:
                        throw InvalidAt(c, "in string escape code");
                }
            }
        }

        private void Number(byte first)
        {
            if (first == '-')
            {
                first = Next();
                if (first is < (byte)'0' or > (byte)'9')
                {
                    throw InvalidAt(first, "in numeric literal");
                }
            }
            if (first != '0')
            {
                SkipDigits();
            }
            if (PeekOrEnd() == '.')
            {
                _at++;
                var c = Next();
                if (c is < (byte)'0' or > (byte)'9')
                {
                    throw InvalidAt(c, "after decimal point in numeric literal");
                }
                SkipDigits();
            }
            if (PeekOrEnd() is (byte)'e' or (byte)'E')
            {
                _at++;
                var c = Next();
                if (c is (byte)'+' or (byte)'-')
                {
                    c = Next();
                }
                if (c is < (byte)'0' or > (byte)'9')
                {
                    throw InvalidAt(c, "in exponent of numeric literal");
                }
                SkipDigits();
            }
        }

        private void SkipDigits()
        {
            while (PeekOrEnd() is >= (byte)'0' and <= (byte)'9')
            {
                _at++;
            }
        }

        private void Literal(string word)
        {
            for (var i = 1; i < word.Length; i++)
            {
                var context = $"in literal {word} (expecting {QuoteChar((byte)word[i])})";
                var c = Next();
                if (c != word[i])
                {
                    throw InvalidAt(c, context);
                }
            }
        }
    }

    /// <summary>Go's quoteChar: the byte as a character in single quotes, escaped as strconv.Quote escapes it.</summary>
    private static string QuoteChar(byte c) => c switch
    {
        (byte)'\'' => @"'\''",
        (byte)'"' => "'\"'",
        (byte)'\\' => @"'\\'",
        0x07 => @"'\a'",
        (byte)'\b' => @"'\b'",
        (byte)'\f' => @"'\f'",
        (byte)'\n' => @"'\n'",
        (byte)'\r' => @"'\r'",
        (byte)'\t' => @"'\t'",
        0x0b => @"'\v'",
        < 0x20 or 0x7f => $@"'\x{c.ToString("x2", CultureInfo.InvariantCulture)}'",
        // A byte of a multi-byte character is shown as Go shows it: the Latin-1 character of that byte.
        _ when c is >= 0x80 and <= 0x9f or 0xa0 or 0xad => $@"'\u00{c.ToString("x2", CultureInfo.InvariantCulture)}'",
        _ => $"'{(char)c}'",
    };
}
