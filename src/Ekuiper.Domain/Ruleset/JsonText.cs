using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ekuiper.Domain.Ruleset;

/// <summary>
/// The one way the domain writes JSON: compact, and without escaping non-ASCII or HTML characters, so that what a
/// user wrote reads back the same.
/// </summary>
public static class JsonText
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A writer onto <paramref name="destination"/> with the same options as <see cref="WriteBytes"/>.</summary>
    public static Utf8JsonWriter CreateWriter(Stream destination) => new(destination, Options);

    public static byte[] WriteBytes(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }
        return buffer.ToArray();
    }

    public static string Write(Action<Utf8JsonWriter> write) => System.Text.Encoding.UTF8.GetString(WriteBytes(write));

    /// <summary>A JSON value without insignificant white space, number literals kept as written.</summary>
    public static string Compact(JsonElement value) => Write(value.WriteTo);

    /// <summary>
    /// Parses JSON a user sent. Besides the syntax (and a depth of at most <paramref name="maxDepth"/>) it checks that
    /// every name and string is valid Unicode: System.Text.Json parses an unpaired surrogate escape such as "\ud800"
    /// but throws InvalidOperationException when the string is read. Such text fails here, as a
    /// <see cref="JsonException"/>, like any other malformed JSON.
    /// </summary>
    public static JsonDocument ParseUntrusted(string text, int maxDepth = 64)
    {
        var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = maxDepth });
        try
        {
            // Only a \u escape can name half a surrogate pair; text without one needs no walk (this runs per entry).
            if (text.Contains("\\u", StringComparison.Ordinal))
            {
                EnsureValidText(document.RootElement);
            }
            return document;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    /// <exception cref="JsonException">A name or string holds an unpaired surrogate.</exception>
    private static void EnsureValidText(JsonElement root)
    {
        var pending = new Stack<JsonElement>();
        pending.Push(root);
        try
        {
            while (pending.TryPop(out var element))
            {
                switch (element.ValueKind)
                {
                    case JsonValueKind.String:
                        _ = element.GetString();
                        break;
                    case JsonValueKind.Object:
                        foreach (var property in element.EnumerateObject())
                        {
                            _ = property.Name;
                            pending.Push(property.Value);
                        }
                        break;
                    case JsonValueKind.Array:
                        foreach (var item in element.EnumerateArray())
                        {
                            pending.Push(item);
                        }
                        break;
                }
            }
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException($"the JSON text is not valid Unicode: {e.Message}", e);
        }
    }
}
