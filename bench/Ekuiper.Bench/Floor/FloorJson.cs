using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ekuiper.Bench.Floor;

/// <summary>How both floors write the export document: the server's escaping, and a config section's shape.</summary>
internal static class FloorJson
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// One entry per plugin type: its conf keys as one JSON object, written as the entry's string value.
    /// <paramref name="rows"/> come ordered by plugin type, then name.
    /// </summary>
    public static void WriteConfigSection(Utf8JsonWriter writer, string section, IEnumerable<(string Type, string Name, string Properties)> rows)
    {
        writer.WriteStartObject(section);
        var buffer = new MemoryStream();
        string? currentType = null;
        Utf8JsonWriter? entry = null;
        foreach (var (type, name, properties) in rows)
        {
            if (type != currentType)
            {
                Flush();
                currentType = type;
                buffer.SetLength(0);
                entry = new Utf8JsonWriter(buffer, WriterOptions);
                entry.WriteStartObject();
            }
            entry!.WritePropertyName(name);
            entry.WriteRawValue(properties, skipInputValidation: true);
        }
        Flush();
        writer.WriteEndObject();

        void Flush()
        {
            if (entry is null)
            {
                return;
            }
            entry.WriteEndObject();
            entry.Flush();
            entry.Dispose();
            writer.WriteString(currentType!, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            entry = null;
        }
    }

    /// <summary>An empty section.</summary>
    public static void WriteEmptySection(Utf8JsonWriter writer, string section)
    {
        writer.WriteStartObject(section);
        writer.WriteEndObject();
    }
}
