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
}
