using System.Text.Json;
using System.Text.Unicode;
using Ekuiper.Api.Controllers;
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

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

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
        try
        {
            return await InputFormatterResult.SuccessAsync(Parse(body));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string whose escapes make no valid text (an unpaired surrogate).
            context.ModelState.TryAddModelError(context.ModelName, e.Message);
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

    /// <summary>Property names in any case (as the framework's JSON binding reads them); other properties are ignored.</summary>
    private static ImportBody Parse(Memory<byte> body)
    {
        var reader = new Utf8JsonReader(body.Span, ReaderOptions);
        reader.Read();
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
                reader.Skip();
            }
        }
        // Only white space may follow the object: the reader throws on anything else.
        reader.Read();
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
