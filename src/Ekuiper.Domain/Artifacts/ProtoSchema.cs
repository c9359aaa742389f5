using System.Text;
using Ekuiper.Domain.Ruleset.Validation;

namespace Ekuiper.Domain.Artifacts;

/// <summary>What a syntactically valid .proto file declares: its messages (nested ones dotted) and its services.</summary>
public sealed record ProtoFile(string? Syntax, IReadOnlyList<string> Messages, IReadOnlyList<ProtoService> Services)
{
    /// <summary>Every rpc of every service, in declaration order.</summary>
    public IEnumerable<string> Rpcs => Services.SelectMany(s => s.Rpcs);
}

public sealed record ProtoService(string Name, IReadOnlyList<string> Rpcs);

/// <summary>
/// Checks that a text is syntactically a protobuf (proto2/proto3) file: balanced blocks, well-formed statements, fields
/// with numbers, rpcs with request and response types. It does not resolve imports or type names; eKuiper's own parser
/// does that when the schema is used. Errors name the line, e.g. <c>line 3: expected "=" after field name, found "1"</c>.
/// </summary>
public static class ProtoSchema
{
    public static EntryResult<ProtoFile> Parse(string text)
    {
        try
        {
            var parser = new Parser(Lexer.Tokenize(text));
            return EntryResult<ProtoFile>.Ok(parser.ParseFile());
        }
        catch (ProtoSyntaxException e)
        {
            return EntryResult<ProtoFile>.Fail(e.Message);
        }
    }

    private sealed class ProtoSyntaxException(int line, string message) : Exception($"line {line}: {message}");

    private enum TokenKind { Identifier, Number, String, Symbol, End }

    private readonly record struct Token(TokenKind Kind, string Text, int Line)
    {
        public bool Is(string symbolOrWord) => Kind is TokenKind.Symbol or TokenKind.Identifier && Text == symbolOrWord;

        public string Describe() => Kind == TokenKind.End ? "end of file" : $"\"{Text}\"";
    }

    private static class Lexer
    {
        public static List<Token> Tokenize(string text)
        {
            var tokens = new List<Token>();
            var line = 1;
            var i = text.StartsWith('\uFEFF') ? 1 : 0; // a byte order mark is not part of the text
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '\n')
                {
                    line++;
                    i++;
                }
                else if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
                {
                    while (i < text.Length && text[i] != '\n')
                    {
                        i++;
                    }
                }
                else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
                {
                    var start = line;
                    var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    if (end < 0)
                    {
                        throw new ProtoSyntaxException(start, "the comment /* is never closed with */");
                    }
                    line += CountLines(text, i, end);
                    i = end + 2;
                }
                else if (c is '"' or '\'')
                {
                    i = ReadString(text, i, line, tokens);
                }
                else if (char.IsAsciiLetter(c) || c == '_')
                {
                    var start = i;
                    while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                    {
                        i++;
                    }
                    tokens.Add(new Token(TokenKind.Identifier, text[start..i], line));
                }
                else if (char.IsAsciiDigit(c))
                {
                    var start = i;
                    while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '.'
                                               || (text[i] is '+' or '-' && text[i - 1] is 'e' or 'E' && !text[start..i].StartsWith("0x", StringComparison.OrdinalIgnoreCase))))
                    {
                        i++;
                    }
                    tokens.Add(new Token(TokenKind.Number, text[start..i], line));
                }
                else if ("{}()[]<>;=,.:-+/".Contains(c))
                {
                    tokens.Add(new Token(TokenKind.Symbol, c.ToString(), line));
                    i++;
                }
                else
                {
                    throw new ProtoSyntaxException(line, $"unexpected character '{c}'");
                }
            }
            tokens.Add(new Token(TokenKind.End, string.Empty, line));
            return tokens;
        }

        private static int ReadString(string text, int i, int line, List<Token> tokens)
        {
            var quote = text[i];
            var value = new StringBuilder();
            i++;
            while (true)
            {
                if (i >= text.Length || text[i] == '\n')
                {
                    throw new ProtoSyntaxException(line, "a string is never closed");
                }
                if (text[i] == quote)
                {
                    tokens.Add(new Token(TokenKind.String, value.ToString(), line));
                    return i + 1;
                }
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    value.Append(text[i + 1]);
                    i += 2;
                    continue;
                }
                value.Append(text[i]);
                i++;
            }
        }

        private static int CountLines(string text, int from, int to)
        {
            var count = 0;
            for (var i = from; i < to; i++)
            {
                if (text[i] == '\n')
                {
                    count++;
                }
            }
            return count;
        }
    }

    private sealed class Parser(List<Token> tokens)
    {
        private static readonly HashSet<string> Labels = ["optional", "required", "repeated"];
        private int _position;
        private readonly List<string> _messages = [];
        private readonly List<ProtoService> _services = [];

        private Token Current => tokens[_position];

        public ProtoFile ParseFile()
        {
            string? syntax = null;
            var first = true;
            while (Current.Kind != TokenKind.End)
            {
                var token = Next();
                switch (token.Text)
                {
                    case ";" when token.Kind == TokenKind.Symbol:
                        continue;
                    case "syntax" or "edition" when token.Kind == TokenKind.Identifier:
                        if (!first)
                        {
                            throw Error(token, $"{token.Text} must be the first statement of the file");
                        }
                        Expect("=", $"after {token.Text}");
                        syntax = ExpectKind(TokenKind.String, $"the {token.Text} value").Text;
                        if (token.Text == "syntax" && syntax is not ("proto2" or "proto3"))
                        {
                            throw Error(token, $"unrecognized syntax \"{syntax}\": use \"proto2\" or \"proto3\"");
                        }
                        Expect(";", $"after {token.Text} = \"{syntax}\"");
                        break;
                    case "package" when token.Kind == TokenKind.Identifier:
                        ReadTypeName("a package name");
                        Expect(";", "after the package name");
                        break;
                    case "import" when token.Kind == TokenKind.Identifier:
                        if (Current.Is("weak") || Current.Is("public"))
                        {
                            Next();
                        }
                        ExpectKind(TokenKind.String, "the imported file name");
                        Expect(";", "after the import");
                        break;
                    case "option" when token.Kind == TokenKind.Identifier:
                        ParseOption();
                        break;
                    case "message" when token.Kind == TokenKind.Identifier:
                        ParseMessage(prefix: string.Empty);
                        break;
                    case "enum" when token.Kind == TokenKind.Identifier:
                        ParseEnum();
                        break;
                    case "service" when token.Kind == TokenKind.Identifier:
                        ParseService();
                        break;
                    case "extend" when token.Kind == TokenKind.Identifier:
                        ParseExtend();
                        break;
                    default:
                        throw Error(token, $"unexpected {token.Describe()}: expected syntax, package, import, option, message, enum, service or extend");
                }
                first = false;
            }
            return new ProtoFile(syntax, _messages, _services);
        }

        private void ParseMessage(string prefix)
        {
            var name = ExpectKind(TokenKind.Identifier, "a message name").Text;
            var fullName = prefix + name;
            _messages.Add(fullName);
            var open = Expect("{", $"after message {name}");
            ParseMessageBody($"message {name}", fullName + ".", open);
        }

        private void ParseMessageBody(string what, string prefix, Token open)
        {
            while (true)
            {
                var token = Current;
                if (token.Kind == TokenKind.End)
                {
                    throw Error(open, $"{what} is never closed: expected \"}}\"");
                }
                if (token.Is("}"))
                {
                    Next();
                    return;
                }
                if (token.Is(";"))
                {
                    Next();
                    continue;
                }
                switch (token.Kind == TokenKind.Identifier ? token.Text : null)
                {
                    case "message":
                        Next();
                        ParseMessage(prefix);
                        break;
                    case "enum":
                        Next();
                        ParseEnum();
                        break;
                    case "extend":
                        Next();
                        ParseExtend();
                        break;
                    case "option":
                        Next();
                        ParseOption();
                        break;
                    case "oneof":
                        Next();
                        var name = ExpectKind(TokenKind.Identifier, "a oneof name").Text;
                        var oneofOpen = Expect("{", $"after oneof {name}");
                        ParseMessageBody($"oneof {name}", prefix, oneofOpen);
                        break;
                    case "reserved" or "extensions":
                        Next();
                        SkipStatement(token.Text);
                        break;
                    default:
                        ParseField(prefix);
                        break;
                }
            }
        }

        private void ParseField(string prefix)
        {
            if (Current.Kind == TokenKind.Identifier && Labels.Contains(Current.Text))
            {
                Next();
            }
            if (Current.Is("map") && tokens[_position + 1].Is("<"))
            {
                Next();
                Next();
                ReadTypeName("the map key type");
                Expect(",", "between the map key and value types");
                ReadTypeName("the map value type");
                Expect(">", "to close map<…>");
            }
            else if (Current.Is("group"))
            {
                Next();
                var groupName = ExpectKind(TokenKind.Identifier, "a group name").Text;
                Expect("=", $"after group {groupName}");
                ExpectKind(TokenKind.Number, $"the number of group {groupName}");
                ParseFieldOptions();
                var open = Expect("{", $"after group {groupName}");
                _messages.Add(prefix + groupName);
                ParseMessageBody($"group {groupName}", prefix + groupName + ".", open);
                return;
            }
            else
            {
                ReadTypeName("a field type, message, enum, oneof, option, reserved or \"}\"");
            }
            var field = ExpectKind(TokenKind.Identifier, "a field name").Text;
            Expect("=", $"after field name {field}");
            ExpectKind(TokenKind.Number, $"the number of field {field}");
            ParseFieldOptions();
            Expect(";", $"after field {field}");
        }

        private void ParseFieldOptions()
        {
            if (!Current.Is("["))
            {
                return;
            }
            var open = Next();
            var depth = 1;
            while (depth > 0)
            {
                var token = Next();
                if (token.Kind == TokenKind.End)
                {
                    throw Error(open, "field options \"[\" are never closed with \"]\"");
                }
                depth += token.Is("[") ? 1 : token.Is("]") ? -1 : 0;
            }
        }

        private void ParseEnum()
        {
            var name = ExpectKind(TokenKind.Identifier, "an enum name").Text;
            var open = Expect("{", $"after enum {name}");
            while (true)
            {
                var token = Next();
                if (token.Kind == TokenKind.End)
                {
                    throw Error(open, $"enum {name} is never closed: expected \"}}\"");
                }
                if (token.Is("}"))
                {
                    return;
                }
                if (token.Is(";"))
                {
                    continue;
                }
                if (token.Is("option"))
                {
                    ParseOption();
                    continue;
                }
                if (token.Is("reserved"))
                {
                    SkipStatement("reserved");
                    continue;
                }
                if (token.Kind != TokenKind.Identifier)
                {
                    throw Error(token, $"unexpected {token.Describe()} in enum {name}: expected a value name or \"}}\"");
                }
                Expect("=", $"after enum value {token.Text}");
                if (Current.Is("-"))
                {
                    Next();
                }
                ExpectKind(TokenKind.Number, $"the number of enum value {token.Text}");
                ParseFieldOptions();
                Expect(";", $"after enum value {token.Text}");
            }
        }

        private void ParseService()
        {
            var name = ExpectKind(TokenKind.Identifier, "a service name").Text;
            var open = Expect("{", $"after service {name}");
            var rpcs = new List<string>();
            while (true)
            {
                var token = Next();
                if (token.Kind == TokenKind.End)
                {
                    throw Error(open, $"service {name} is never closed: expected \"}}\"");
                }
                if (token.Is("}"))
                {
                    break;
                }
                if (token.Is(";"))
                {
                    continue;
                }
                if (token.Is("option"))
                {
                    ParseOption();
                    continue;
                }
                if (!token.Is("rpc"))
                {
                    throw Error(token, $"unexpected {token.Describe()} in service {name}: expected rpc, option or \"}}\"");
                }
                rpcs.Add(ParseRpc());
            }
            _services.Add(new ProtoService(name, rpcs));
        }

        private string ParseRpc()
        {
            var name = ExpectKind(TokenKind.Identifier, "an rpc name").Text;
            ParseRpcType(name, "request");
            Expect("returns", $"after the request type of rpc {name}");
            ParseRpcType(name, "response");
            if (Current.Is("{"))
            {
                var open = Next();
                while (true)
                {
                    var token = Next();
                    if (token.Kind == TokenKind.End)
                    {
                        throw Error(open, $"the body of rpc {name} is never closed: expected \"}}\"");
                    }
                    if (token.Is("}"))
                    {
                        break;
                    }
                    if (token.Is("option"))
                    {
                        ParseOption();
                    }
                    else if (!token.Is(";"))
                    {
                        throw Error(token, $"unexpected {token.Describe()} in rpc {name}: expected option or \"}}\"");
                    }
                }
            }
            else
            {
                Expect(";", $"after rpc {name}");
            }
            return name;
        }

        private void ParseRpcType(string rpc, string role)
        {
            Expect("(", $"before the {role} type of rpc {rpc}");
            if (Current.Is("stream") && !tokens[_position + 1].Is(")"))
            {
                Next();
            }
            ReadTypeName($"the {role} type of rpc {rpc}");
            Expect(")", $"after the {role} type of rpc {rpc}");
        }

        private void ParseExtend()
        {
            var name = ReadTypeName("the extended message");
            var open = Expect("{", $"after extend {name}");
            ParseMessageBody($"extend {name}", string.Empty, open);
        }

        /// <summary>option name = constant; where the name may be "(custom.ext).field" and the constant an aggregate {...}.</summary>
        private void ParseOption()
        {
            var start = Current;
            while (!Current.Is("="))
            {
                var token = Next();
                if (token.Kind == TokenKind.End || token.Is(";") || token.Is("{") || token.Is("}"))
                {
                    throw Error(token, $"expected \"=\" in option, found {token.Describe()}");
                }
            }
            Next();
            if (Current.Is("{"))
            {
                var open = Next();
                var depth = 1;
                while (depth > 0)
                {
                    var token = Next();
                    if (token.Kind == TokenKind.End)
                    {
                        throw Error(open, "the option value \"{\" is never closed with \"}\"");
                    }
                    depth += token.Is("{") ? 1 : token.Is("}") ? -1 : 0;
                }
            }
            else
            {
                if (Current.Is("-") || Current.Is("+"))
                {
                    Next();
                }
                var value = Next();
                if (value.Kind is TokenKind.End or TokenKind.Symbol)
                {
                    throw Error(value, $"expected the option value after \"=\", found {value.Describe()}");
                }
                // Adjacent strings concatenate and type names may be dotted.
                while (Current.Kind == TokenKind.String || Current.Is("."))
                {
                    Next();
                    if (Current.Kind == TokenKind.Identifier)
                    {
                        Next();
                    }
                }
            }
            Expect(";", $"after the option that starts at line {start.Line}");
        }

        /// <summary>Skips a reserved/extensions statement up to its ";", refusing any block in it.</summary>
        private void SkipStatement(string what)
        {
            while (true)
            {
                var token = Next();
                if (token.Is(";"))
                {
                    return;
                }
                if (token.Kind == TokenKind.End || token.Is("{") || token.Is("}"))
                {
                    throw Error(token, $"expected \";\" to end {what}, found {token.Describe()}");
                }
            }
        }

        /// <summary>A type name: optional leading dot, then identifiers joined by dots.</summary>
        private string ReadTypeName(string what)
        {
            var name = new StringBuilder();
            if (Current.Is("."))
            {
                name.Append(Next().Text);
            }
            name.Append(ExpectKind(TokenKind.Identifier, what).Text);
            while (Current.Is(".") && tokens[_position + 1].Kind == TokenKind.Identifier)
            {
                name.Append(Next().Text).Append(Next().Text);
            }
            return name.ToString();
        }

        private Token Next()
        {
            var token = tokens[_position];
            if (token.Kind != TokenKind.End)
            {
                _position++;
            }
            return token;
        }

        private Token Expect(string symbolOrWord, string where)
        {
            var token = Next();
            return token.Is(symbolOrWord) ? token : throw Error(token, $"expected \"{symbolOrWord}\" {where}, found {token.Describe()}");
        }

        private Token ExpectKind(TokenKind kind, string what)
        {
            var token = Next();
            return token.Kind == kind ? token : throw Error(token, $"expected {what}, found {token.Describe()}");
        }

        private static ProtoSyntaxException Error(Token at, string message) => new(at.Line, message);
    }
}
