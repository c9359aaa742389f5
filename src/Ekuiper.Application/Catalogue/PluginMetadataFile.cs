using System.Text.Json;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Application.Catalogue;

/// <summary>
/// A plugin's metadata file (the <c>name.json</c> a source or sink plugin ships) turned into the description eKuiper's
/// /metadata answers: texts keyed <c>en_US</c>/<c>zh_CN</c> in the file become <c>en</c>/<c>zh</c>, every property
/// gains <c>exist: false</c> and has its fields in eKuiper's order, an array default is read as nested properties,
/// and <c>about.installed</c> is true. Field names match as Go's decoder matches them (exactly, else regardless of
/// case). A file eKuiper could not read — not JSON, no <c>about</c>, a field of the wrong type — gives null: the plugin
/// is then not described, as eKuiper leaves it out.
/// </summary>
public static class PluginMetadataFile
{
    /// <summary>A source's description, with our <c>scan</c>/<c>lookup</c> flags (<see cref="MetadataCatalogue.Supports"/>).</summary>
    public static JsonElement? Source(string json, bool scan, bool lookup) => Convert(json, (root, writer) =>
    {
        writer.WriteStartObject();
        WriteAbout(writer, root);
        WriteLibs(writer, root);
        if (Field(root, "dataSource") is { ValueKind: not JsonValueKind.Null } dataSource)
        {
            writer.WritePropertyName("dataSource");
            dataSource.WriteTo(writer);
        }
        writer.WritePropertyName("properties");
        writer.WriteStartObject();
        if (Field(root, "properties") is { } properties && properties.ValueKind != JsonValueKind.Null)
        {
            Require(properties.ValueKind == JsonValueKind.Object);
            // Go writes a map with its keys sorted; a later duplicate key replaces an earlier one.
            var keys = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var key in properties.EnumerateObject())
            {
                keys[key.Name] = key.Value;
            }
            foreach (var (key, fields) in keys)
            {
                writer.WritePropertyName(key);
                WriteFields(writer, fields);
            }
        }
        writer.WriteEndObject();
        WriteNode(writer, root);
        writer.WriteBoolean("scan", scan);
        writer.WriteBoolean("lookup", lookup);
        writer.WriteEndObject();
    });

    public static JsonElement? Sink(string json) => Convert(json, (root, writer) =>
    {
        writer.WriteStartObject();
        WriteAbout(writer, root);
        WriteLibs(writer, root);
        writer.WritePropertyName("properties");
        WriteFields(writer, Field(root, "properties"));
        WriteNode(writer, root);
        writer.WriteEndObject();
    });

    private static JsonElement? Convert(string json, Action<JsonElement, Utf8JsonWriter> write)
    {
        try
        {
            using var document = JsonText.ParseUntrusted(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Field(root, "about") is not { ValueKind: JsonValueKind.Object })
            {
                return null;
            }
            var text = JsonText.Write(writer => write(root, writer));
            using var converted = JsonDocument.Parse(text);
            return converted.RootElement.Clone();
        }
        catch (Exception e) when (e is JsonException or UnreadableMetadataException or InvalidOperationException)
        {
            return null;
        }
    }

    private static void WriteAbout(Utf8JsonWriter writer, JsonElement root)
    {
        var about = Field(root, "about")!.Value;
        writer.WritePropertyName("about");
        writer.WriteStartObject();
        writer.WriteBoolean("trial", Bool(Field(about, "trial")));
        writer.WriteBoolean("installed", true);
        writer.WritePropertyName("author");
        if (Field(about, "author") is { ValueKind: not JsonValueKind.Null } author)
        {
            Require(author.ValueKind == JsonValueKind.Object);
            writer.WriteStartObject();
            foreach (var name in new[] { "name", "email", "company", "website" })
            {
                writer.WriteString(name, Text(Field(author, name)));
            }
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNullValue();
        }
        writer.WritePropertyName("helpUrl");
        WriteLanguage(writer, Field(about, "helpUrl"));
        writer.WritePropertyName("description");
        WriteLanguage(writer, Field(about, "description"));
        writer.WriteEndObject();
    }

    private static void WriteLibs(Utf8JsonWriter writer, JsonElement root)
    {
        writer.WritePropertyName("libs");
        if (Field(root, "libs") is { ValueKind: not JsonValueKind.Null } libs)
        {
            Require(libs.ValueKind == JsonValueKind.Array);
            writer.WriteStartArray();
            foreach (var lib in libs.EnumerateArray())
            {
                Require(lib.ValueKind == JsonValueKind.String);
                lib.WriteTo(writer);
            }
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonElement root)
    {
        writer.WritePropertyName("node");
        if (Field(root, "node") is { } node)
        {
            node.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    /// <summary>A list of properties; null when it holds none, as Go marshals a nil slice.</summary>
    private static void WriteFields(Utf8JsonWriter writer, JsonElement? fields)
    {
        if (fields is not { ValueKind: not JsonValueKind.Null } list)
        {
            writer.WriteNullValue();
            return;
        }
        Require(list.ValueKind == JsonValueKind.Array);
        var present = list.EnumerateArray().Where(field => field.ValueKind != JsonValueKind.Null).ToList();
        if (present.Count == 0)
        {
            writer.WriteNullValue();
            return;
        }
        writer.WriteStartArray();
        foreach (var field in present)
        {
            Require(field.ValueKind == JsonValueKind.Object);
            writer.WriteStartObject();
            writer.WriteBoolean("exist", false);
            writer.WriteString("name", Text(Field(field, "name")));
            writer.WritePropertyName("default");
            if (Field(field, "default") is { ValueKind: JsonValueKind.Array } nested)
            {
                WriteFields(writer, nested);
            }
            else if (Field(field, "default") is { } value)
            {
                value.WriteTo(writer);
            }
            else
            {
                writer.WriteNullValue();
            }
            writer.WriteString("type", Text(Field(field, "type")));
            writer.WriteString("control", Text(Field(field, "control")));
            writer.WriteBoolean("connection_related", Bool(Field(field, "connection_related")));
            writer.WriteBoolean("optional", Bool(Field(field, "optional")));
            writer.WritePropertyName("values");
            if (Field(field, "values") is { } values)
            {
                values.WriteTo(writer);
            }
            else
            {
                writer.WriteNullValue();
            }
            writer.WritePropertyName("hint");
            WriteLanguage(writer, Field(field, "hint"));
            writer.WritePropertyName("label");
            WriteLanguage(writer, Field(field, "label"));
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    /// <summary>A text the file gives per language (<c>en_US</c>, <c>zh_CN</c>) as eKuiper answers it (<c>en</c>, <c>zh</c>).</summary>
    private static void WriteLanguage(Utf8JsonWriter writer, JsonElement? texts)
    {
        if (texts is not { ValueKind: not JsonValueKind.Null } value)
        {
            writer.WriteNullValue();
            return;
        }
        Require(value.ValueKind == JsonValueKind.Object);
        writer.WriteStartObject();
        writer.WriteString("en", Text(Field(value, "en_US")));
        writer.WriteString("zh", Text(Field(value, "zh_CN")));
        writer.WriteEndObject();
    }

    /// <summary>A field of an object as Go's decoder finds it: the exact name, else the first that differs only in case.</summary>
    private static JsonElement? Field(JsonElement owner, string name)
    {
        JsonElement? folded = null;
        foreach (var property in owner.EnumerateObject())
        {
            if (property.NameEquals(name))
            {
                return property.Value;
            }
            if (folded is null && string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                folded = property.Value;
            }
        }
        return folded;
    }

    private static string Text(JsonElement? value)
    {
        if (value is not { ValueKind: not JsonValueKind.Null } text)
        {
            return string.Empty;
        }
        Require(text.ValueKind == JsonValueKind.String);
        return text.GetString()!;
    }

    private static bool Bool(JsonElement? value)
    {
        if (value is not { ValueKind: not JsonValueKind.Null } flag)
        {
            return false;
        }
        Require(flag.ValueKind is JsonValueKind.True or JsonValueKind.False);
        return flag.GetBoolean();
    }

    private static void Require(bool condition)
    {
        if (!condition)
        {
            throw new UnreadableMetadataException();
        }
    }

    private sealed class UnreadableMetadataException : Exception;
}
