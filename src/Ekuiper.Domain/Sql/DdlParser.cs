using System.Globalization;
using System.Text.Json;
using Ekuiper.Domain.Sql.Ast;

namespace Ekuiper.Domain.Sql;

/// <summary>
/// Parses eKuiper's <c>CREATE STREAM|TABLE name (fields) WITH (options)</c> statements.
/// Error messages follow eKuiper's parser word for word, so users see what eKuiper itself would say.
/// </summary>
public static class DdlParser
{
    private const string FieldTypesExpectation =
        "expect valid stream field types(BIGINT | FLOAT | STRING | DATETIME | BOOLEAN | BYTEA | ARRAY | STRUCT).";

    private const string OptionKeysExpectation =
        "unknown option keys(DATASOURCE|FORMAT|KEY|CONF_KEY|SHARED|STRICT_VALIDATION|TYPE|TIMESTAMP|TIMESTAMP_FORMAT|RETAIN_SIZE|SCHEMAID|EXTRA|VERSION|TEMP|KIND|DELIMITER).";

    private static readonly Dictionary<string, BasicFieldType> BasicTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BIGINT"] = BasicFieldType.Bigint,
        ["FLOAT"] = BasicFieldType.Float,
        ["STRING"] = BasicFieldType.String,
        ["DATETIME"] = BasicFieldType.Datetime,
        ["BOOLEAN"] = BasicFieldType.Boolean,
        ["BYTEA"] = BasicFieldType.Bytea,
    };

    private static readonly Dictionary<string, Func<StreamOptions, string, StreamOptions>> OptionSetters =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["DATASOURCE"] = (options, value) => options with { Datasource = value },
            ["FORMAT"] = (options, value) => options with { Format = value },
            ["KEY"] = (options, value) => options with { Key = value },
            ["CONF_KEY"] = (options, value) => options with { ConfKey = value },
            ["SHARED"] = (options, value) => options with { Shared = value },
            ["STRICT_VALIDATION"] = (options, value) => options with { StrictValidation = value },
            ["TYPE"] = (options, value) => options with { Type = value },
            ["TIMESTAMP"] = (options, value) => options with { Timestamp = value },
            ["TIMESTAMP_FORMAT"] = (options, value) => options with { TimestampFormat = value },
            ["RETAIN_SIZE"] = (options, value) => options with { RetainSize = value },
            ["SCHEMAID"] = (options, value) => options with { SchemaId = value },
            ["EXTRA"] = (options, value) => options with { Extra = value },
            ["VERSION"] = (options, value) => options with { Version = value },
            ["TEMP"] = (options, value) => options with { Temp = value },
            ["KIND"] = (options, value) => options with { Kind = value },
            ["DELIMITER"] = (options, value) => options with { Delimiter = value },
        };

    public static ParseResult<StreamStatement> Parse(string sql)
    {
        sql ??= "";
        List<Token>? tokens = null;
        try
        {
            tokens = SqlLexer.RentTokens(sql);
            var parser = new Parser(sql, new TokenReader(tokens));
            return ParseResult<StreamStatement>.Success(parser.ParseStatement());
        }
        catch (SqlSyntaxException error)
        {
            return ParseResult<StreamStatement>.Failure(error.ToError());
        }
        finally
        {
            if (tokens is not null)
            {
                SqlLexer.ReturnTokens(tokens);
            }
        }
    }

    private sealed class Parser(string sql, TokenReader tokens)
    {
        // How many ARRAY/STRUCT types enclose the one being parsed; bounded to protect the stack.
        private int typeNesting;

        public StreamStatement ParseStatement()
        {
            var create = tokens.Advance();
            if (!create.IsWord("CREATE"))
            {
                // eKuiper's statement dispatcher gives up on anything that is not CREATE with this message.
                throw new SqlSyntaxException($"Invalid stream statement: {sql}", create.Position);
            }

            var kind = ParseKind();
            var name = tokens.Advance();
            if (name.Kind != TokenKind.Identifier)
            {
                throw TokenReader.Found(name, "expected stream name.");
            }

            var fields = ParseFieldList(isTopLevel: true);
            var options = ParseOptions();
            ExpectEndOfStatement();

            var statement = new StreamStatement(name.Text, kind, fields, options);
            Validate(statement, name.Position);
            return statement;
        }

        private StreamKind ParseKind()
        {
            var token = tokens.Advance();
            if (token.IsWord("STREAM"))
            {
                return StreamKind.Stream;
            }

            if (token.IsWord("TABLE"))
            {
                return StreamKind.Table;
            }

            throw new SqlSyntaxException(
                $"found {TokenReader.Quoted(token.Literal.ToUpperInvariant())}, expected keyword stream or table.",
                token.Position);
        }

        /// <summary>
        /// Parses <c>( field, … )</c> and checks what follows the closing parenthesis the way eKuiper
        /// does: <c>WITH</c> at top level (consumed), <c>,</c> or <c>)</c> after a nested struct.
        /// </summary>
        private IReadOnlyList<StreamField> ParseFieldList(bool isTopLevel)
        {
            var open = tokens.Advance();
            if (open.Kind != TokenKind.LeftParen)
            {
                throw TokenReader.Found(open, "expected lparen after stream name.");
            }

            var fields = new List<StreamField>();
            while (true)
            {
                // A ')' straight after '(' or ',' closes the list: schemaless, or a trailing comma.
                if (tokens.Accept(TokenKind.RightParen))
                {
                    ExpectWithAfterBareClose();
                    return fields;
                }

                fields.Add(ParseField());
                if (tokens.Accept(TokenKind.RightParen))
                {
                    CheckAfterClose(isTopLevel);
                    return fields;
                }
            }
        }

        // eKuiper insists on WITH here even inside a struct, and quotes the token as written.
        private void ExpectWithAfterBareClose()
        {
            var next = tokens.Advance();
            if (!next.IsWord("WITH"))
            {
                throw TokenReader.Found(next, "expected is with.");
            }
        }

        private void CheckAfterClose(bool isTopLevel)
        {
            var next = tokens.Current;
            if (next.IsWord("WITH"))
            {
                if (isTopLevel)
                {
                    tokens.Advance();
                    return;
                }

                tokens.Advance();
                throw TokenReader.Found(tokens.Current, "expect comma in create stream record statement.");
            }

            // Left for the caller: a nested struct continues with ',' or ')'; at top level the options
            // parser reports them as a missing option list.
            if (next.Kind is TokenKind.Comma or TokenKind.RightParen)
            {
                return;
            }

            throw new SqlSyntaxException(
                $"found {TokenReader.Quoted(next.Literal.ToUpperInvariant())}, expected is with.", next.Position);
        }

        private StreamField ParseField()
        {
            var name = tokens.Advance();
            if (name.Kind != TokenKind.Identifier)
            {
                throw TokenReader.Found(name, "expect stream field name.");
            }

            var type = ParseFieldType(tokens.Advance());
            var field = new StreamField(name.Text, type);
            if (tokens.Accept(TokenKind.Default))
            {
                field = field with { DefaultValue = ParseDefaultValue(type) };
            }

            if (!tokens.Accept(TokenKind.Comma) && !tokens.At(TokenKind.RightParen))
            {
                throw TokenReader.Found(tokens.Current, "expect comma or rparen.");
            }

            return field;
        }

        private FieldType ParseFieldType(Token typeName)
        {
            if (typeName.Kind == TokenKind.Identifier)
            {
                if (BasicTypes.TryGetValue(typeName.Text, out var basic))
                {
                    return basic;
                }

                if (typeName.IsWord("ARRAY"))
                {
                    return ParseArrayType();
                }

                if (typeName.IsWord("STRUCT"))
                {
                    return ParseStructType();
                }
            }

            throw TokenReader.Found(typeName, FieldTypesExpectation);
        }

        private void EnterNestedType(Token at)
        {
            if (++typeNesting > SqlLimits.MaxNesting)
            {
                throw new SqlSyntaxException(
                    $"field type is nested too deeply (more than {SqlLimits.MaxNesting} levels).", at.Position);
            }
        }

        private StructFieldType ParseStructType()
        {
            EnterNestedType(tokens.Current);
            var fields = ParseFieldList(isTopLevel: false);
            typeNesting--;
            if (!tokens.At(TokenKind.Comma) && !tokens.At(TokenKind.RightParen))
            {
                throw TokenReader.Found(tokens.Current, "expect comma in create stream record statement.");
            }

            return new StructFieldType(fields);
        }

        private ArrayFieldType ParseArrayType()
        {
            // eKuiper silently accepts ARRAY without an element type and leaves the field untyped;
            // a typed model cannot represent that, so it is an error here.
            var open = tokens.Advance();
            if (open.Kind != TokenKind.LeftParen)
            {
                throw TokenReader.Found(open, "expect lparen in array type definition.");
            }

            EnterNestedType(open);
            var elementName = tokens.Advance();
            FieldType element;
            string closeExpectation;
            if (elementName.Kind == TokenKind.Identifier && BasicTypes.TryGetValue(elementName.Text, out var basic))
            {
                element = basic;
                closeExpectation = "expect rparen in array type definition.";
            }
            else if (elementName.IsWord("STRUCT"))
            {
                element = ParseStructType();
                closeExpectation = "expect rparen in struct of array type definition.";
            }
            else if (elementName.IsWord("ARRAY"))
            {
                element = ParseArrayType();
                closeExpectation = "expect rparen in array of array type definition.";
            }
            else
            {
                throw TokenReader.Found(elementName, "expect stream data types.");
            }

            typeNesting--;
            var close = tokens.Advance();
            if (close.Kind != TokenKind.RightParen)
            {
                throw TokenReader.Found(close, closeExpectation);
            }

            return new ArrayFieldType(element);
        }

        private string ParseDefaultValue(FieldType type)
        {
            var token = tokens.Advance();
            // Reserved words TRUE/FALSE are upper-cased, as eKuiper's lexer does.
            var value = token.Literal;
            if (token.Kind == TokenKind.Minus && tokens.Current.Kind is TokenKind.Integer or TokenKind.Number)
            {
                value = "-" + tokens.Advance().Text;
            }
            else if (token.Kind is not (TokenKind.Integer or TokenKind.Number or TokenKind.String
                     or TokenKind.SingleQuotedString or TokenKind.True or TokenKind.False))
            {
                throw TokenReader.Found(token, "expect default constraint value.");
            }

            var problem = DefaultValueProblem(value, type);
            if (problem is not null)
            {
                throw new SqlSyntaxException(problem, token.Position);
            }

            return value;
        }

        // The checks of eKuiper's GetDefaultClause: only basic types, and the value must convert.
        private static string? DefaultValueProblem(string value, FieldType type)
        {
            switch (type)
            {
                case ArrayFieldType:
                    return "DEFAULT clause is not supported for *ast.ArrayType";
                case StructFieldType:
                    return "DEFAULT clause is not supported for *ast.RecType";
            }

            var kind = ((BasicFieldType)type).Kind;
            var invariant = CultureInfo.InvariantCulture;
            return kind switch
            {
                BasicTypeKind.Bigint when !long.TryParse(value, NumberStyles.AllowLeadingSign, invariant, out _) =>
                    $"cannot convert string({value}) to int64",
                BasicTypeKind.Float when !double.TryParse(value, NumberStyles.Float, invariant, out _) =>
                    $"cannot convert string({value}) to float64",
                BasicTypeKind.Boolean when !IsGoBoolean(value) => $"cannot convert string({value}) to bool",
                BasicTypeKind.Datetime or BasicTypeKind.Bytea =>
                    $"DEFAULT clause is not supported for {kind.ToString().ToLowerInvariant()}",
                _ => null,
            };
        }

        // The spellings Go's strconv.ParseBool accepts.
        private static bool IsGoBoolean(string value) =>
            value is "1" or "t" or "T" or "TRUE" or "true" or "True" or "0" or "f" or "F" or "FALSE" or "false" or "False";

        private StreamOptions ParseOptions()
        {
            var open = tokens.Advance();
            if (open.Kind != TokenKind.LeftParen)
            {
                throw TokenReader.Found(open, "expect stream options.");
            }

            var options = StreamOptions.Empty;
            while (true)
            {
                var key = tokens.Advance();
                if (key.Kind == TokenKind.RightParen)
                {
                    return options;
                }

                // Commas are separators only; eKuiper skips any number of them, trailing ones included.
                if (key.Kind == TokenKind.Comma)
                {
                    continue;
                }

                var keyName = key.Literal.ToUpperInvariant();
                if (key.Kind is not (TokenKind.Identifier or TokenKind.String) ||
                    !OptionSetters.TryGetValue(keyName, out var setter))
                {
                    throw new SqlSyntaxException(
                        $"found {TokenReader.Quoted(keyName)}, {OptionKeysExpectation}", key.Position);
                }

                var equals = tokens.Advance();
                if (equals.Kind != TokenKind.Equal)
                {
                    throw TokenReader.Found(equals, "expect equals(=) in options.");
                }

                var value = tokens.Advance();
                if (value.Kind is not (TokenKind.String or TokenKind.True or TokenKind.False))
                {
                    throw TokenReader.Found(value, "expect string or boolean value in option.");
                }

                CheckOptionValue(keyName, value);
                options = setter(options, value.Text);
            }
        }

        private static void CheckOptionValue(string keyName, Token value)
        {
            switch (keyName)
            {
                case "STRICT_VALIDATION" or "SHARED" or "TEMP"
                    when !value.Text.Equals("true", StringComparison.OrdinalIgnoreCase) &&
                         !value.Text.Equals("false", StringComparison.OrdinalIgnoreCase):
                    throw TokenReader.Found(value, $"expect TRUE/FALSE value in {keyName} option.");
                case "RETAIN_SIZE"
                    when !long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _):
                    throw TokenReader.Found(value, $"expect number value in {keyName} option.");
                case "EXTRA" when !IsJson(value.Text):
                    throw new SqlSyntaxException("invalid extra option, expect JSON string", value.Position);
            }
        }

        private static bool IsJson(string text)
        {
            try
            {
                using var _ = JsonDocument.Parse(text);
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private void ExpectEndOfStatement()
        {
            var next = tokens.Advance();
            if (next.Kind == TokenKind.Semicolon)
            {
                next = tokens.Advance();
                if (next.Kind != TokenKind.EndOfInput)
                {
                    throw TokenReader.Found(next, "expected EOF.");
                }

                return;
            }

            if (next.Kind != TokenKind.EndOfInput)
            {
                throw TokenReader.Found(next, "expected semicolon or EOF.");
            }
        }

        // eKuiper's validateStream and option checks that need the whole statement.
        private static void Validate(StreamStatement statement, int position)
        {
            var options = statement.Options;
            if (string.Equals(options.Kind, "lookup", StringComparison.OrdinalIgnoreCase) &&
                options.Type == "memory" && string.IsNullOrEmpty(options.Key))
            {
                throw new SqlSyntaxException("Option \"key\" is required for memory lookup table.", position);
            }

            if (!string.Equals(options.Format, "binary", StringComparison.OrdinalIgnoreCase))
            {
                // Any other format must be one eKuiper registers a converter for (an absent or empty one is json).
                if (!string.IsNullOrEmpty(options.Format) && !StreamOptions.Formats.Contains(options.Format))
                {
                    throw new SqlSyntaxException($"option 'format={options.Format}' is invalid", position);
                }
                return;
            }

            if (statement.Kind == StreamKind.Table)
            {
                throw new SqlSyntaxException("'binary' format is not supported for table", position);
            }

            switch (statement.Fields.Count)
            {
                case 0:
                    return;
                case 1 when statement.Fields[0].Type is BasicFieldType { Kind: BasicTypeKind.Bytea }:
                    return;
                case 1:
                    throw new SqlSyntaxException("'binary' format stream can have only 'bytea' type field", position);
                default:
                    throw new SqlSyntaxException("'binary' format stream can have only one field", position);
            }
        }
    }
}
