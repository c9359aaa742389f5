using System.Text.Json;
using System.Text.Unicode;
using Ekuiper.Api.Controllers;
using Ekuiper.Domain.Ruleset;
using Microsoft.AspNetCore.Mvc.Formatters;

namespace Ekuiper.Api.Formatting;

/// <summary>
/// Reads the body of the import endpoints, <c>{"content": "…", "file": "…"}</c>, whatever its Content-Type (as eKuiper
/// does), so that the document is held once: the body is read into one buffer and the content string is unescaped
/// where it lies, as UTF-8. Bound the usual way, a 100,000-rule document (~83 MB) would be held three times over: the
/// body, the content as a .NET string at two bytes a character, and that again as the parser's UTF-8.
/// </summary>
public sealed class ImportBodyInputFormatter : InputFormatter, IInputFormatterExceptionPolicy
{
    /// <summary>The first read's buffer when the body's length is not declared (chunked); it doubles as needed.</summary>
    private const int InitialBufferSize = 16 * 1024;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64, AllowMultipleValues = true };

    public ImportBodyInputFormatter() => SupportedMediaTypes.Add("*/*");

    public override bool CanRead(InputFormatterContext context) => context.ModelType == typeof(ImportBody);

    protected override bool CanReadType(Type type) => type == typeof(ImportBody);

    /// <summary>
    /// Only a malformed body is the client's fault here; others (a body over the size limit, a broken connection) reach
    /// the error handlers with their own status.
    /// </summary>
    public InputFormatterExceptionPolicy ExceptionPolicy => InputFormatterExceptionPolicy.MalformedInputExceptions;

    public override async Task<InputFormatterResult> ReadRequestBodyAsync(InputFormatterContext context)
    {
        var request = context.HttpContext.Request;
        // The body's size is bounded before this runs: a declared Content-Length by RequestBodyLimit, a chunked body
        // by the server's limit as it is read.
        var body = await ReadAllAsync(request.Body, request.ContentLength, context.HttpContext.RequestAborted);
        var decoding = GoBodies.For(typeof(ImportBody), context.HttpContext.GetEndpoint());
        try
        {
            return await InputFormatterResult.SuccessAsync(Parse(body, decoding.GoType!));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Only now is the body looked at as text: Go's words for it, when Go would refuse it too; else ours (a
            // string that is not valid UTF-8, or whose escapes make no valid text, is decoded by Go with U+FFFD).
            // InvalidOperationException: a string whose escapes make no valid text (an unpaired surrogate).
            var goError = decoding.GoType!.DecodeError(System.Text.Encoding.UTF8.GetString(body.Span));
            context.ModelState.TryAddModelError(context.ModelName, $"{decoding.Prefix}: {goError ?? e.Message}");
            return await InputFormatterResult.FailureAsync();
        }
    }

    private static async Task<Memory<byte>> ReadAllAsync(Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        var buffer = new byte[contentLength is > 0 and <= int.MaxValue ? (int)contentLength : InitialBufferSize];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (contentLength == length)
                {
                    return buffer;
                }
                Array.Resize(ref buffer, checked(buffer.Length * 2));
            }
            var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return buffer.AsMemory(0, length);
            }
            length += read;
        }
    }

    /// <summary>
    /// As Go's json.NewDecoder(body).Decode: property names in any case, the first JSON value only (what follows it is
    /// not read), null as no body; other properties are ignored unless <paramref name="goType"/> gives them a type
    /// their value must fit. Throws at anything Go refuses (the caller then asks Go's words of the whole body).
    /// </summary>
    private static ImportBody Parse(Memory<byte> body, GoJsonType goType)
    {
        var reader = new Utf8JsonReader(body.Span, ReaderOptions);
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return new ImportBody(null, null);
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"the body must be a JSON object with content or file, found {reader.TokenType}");
        }
        ReadOnlyMemory<byte>? content = null;
        string? file = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (string.Equals(name, "content", StringComparison.OrdinalIgnoreCase))
            {
                content = reader.TokenType == JsonTokenType.Null ? null : UnescapeInPlace(body, ref reader, name);
            }
            else if (string.Equals(name, "file", StringComparison.OrdinalIgnoreCase))
            {
                file = reader.TokenType == JsonTokenType.Null ? null : StringValue(ref reader, name);
            }
            else
            {
                if (goType.FieldType(name) == "bool" && reader.TokenType is not (JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null))
                {
                    throw new JsonException($"The JSON value of '{name}' must be a boolean, found {reader.TokenType}.");
                }
                reader.Skip();
            }
        }
        return new ImportBody(content, file);
    }

    /// <summary>
    /// The string value the reader is on, unescaped over its own bytes in the body. Unescaping never lengthens a
    /// string, so every byte is written at or before the place it was read from, and the reader, which only reads on
    /// from the end of the value, never sees the change.
    /// </summary>
    private static ReadOnlyMemory<byte> UnescapeInPlace(Memory<byte> body, ref Utf8JsonReader reader, string name)
    {
        ExpectString(ref reader, name);
        var value = body.Slice((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
        var length = reader.ValueIsEscaped ? reader.CopyString(value.Span) : value.Length;
        var text = value[..length];
        if (!Utf8.IsValid(text.Span))
        {
            throw new JsonException($"the value of '{name}' is not valid UTF-8 text.");
        }
        return text;
    }

    private static string StringValue(ref Utf8JsonReader reader, string name)
    {
        ExpectString(ref reader, name);
        return reader.GetString()!;
    }

    private static void ExpectString(ref Utf8JsonReader reader, string name)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"The JSON value of '{name}' must be a string, found {reader.TokenType}.");
        }
    }
}
