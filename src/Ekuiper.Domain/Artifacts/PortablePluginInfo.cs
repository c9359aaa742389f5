using System.Text.Json;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Domain.Artifacts;

/// <summary>
/// A portable plugin's manifest (<c>name.json</c>) as eKuiper reads it into its <c>PluginInfo</c>: name, version,
/// language, executable, the optional virtualEnvType and env, and the sources, sinks and functions it provides. A list
/// the manifest leaves out (or gives as null) stays null, as Go leaves a nil slice, so that the answer of
/// <c>GET /plugins/portables</c> can say <c>null</c> where eKuiper does. Kept on the artifact's row
/// (<see cref="Definitions.ArtifactDefinition.PluginInfoJson"/>) so that every server knows the plugin's source and
/// sink types and its description from the store.
/// </summary>
public sealed record PortablePluginInfo(
    string Name,
    string Version,
    string Language,
    string Executable,
    string? VirtualEnvType,
    string? Env,
    IReadOnlyList<string>? Sources,
    IReadOnlyList<string>? Sinks,
    IReadOnlyList<string>? Functions)
{
    /// <summary>The fields of eKuiper's PluginInfo, in the order Go marshals them.</summary>
    private static readonly string[] Fields =
        ["name", "version", "language", "executable", "virtualEnvType", "env", "sources", "sinks", "functions"];

    /// <summary>
    /// Reads a manifest as Go's <c>json.Unmarshal</c> reads it over a PluginInfo already named <paramref name="name"/>:
    /// field names match exactly or else regardless of case, a later field overwrites an earlier one, null leaves a
    /// string as it was and makes a list or an optional field nil, unknown fields are ignored.
    /// </summary>
    /// <exception cref="JsonException">Not JSON.</exception>
    /// <exception cref="InvalidOperationException">Not an object, or a field has the wrong type.</exception>
    public static PortablePluginInfo ReadManifest(string name, string json)
    {
        using var document = JsonText.ParseUntrusted(json);
        var root = document.RootElement;
        var info = new PortablePluginInfo(name, string.Empty, string.Empty, string.Empty, null, null, null, null, null);
        if (root.ValueKind == JsonValueKind.Null)
        {
            return info;
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException("it must be a JSON object");
        }
        foreach (var property in root.EnumerateObject())
        {
            var field = Array.Find(Fields, f => f == property.Name)
                        ?? Array.Find(Fields, f => string.Equals(f, property.Name, StringComparison.OrdinalIgnoreCase));
            var value = property.Value;
            info = field switch
            {
                "name" => info with { Name = Text(field, value) ?? info.Name },
                "version" => info with { Version = Text(field, value) ?? info.Version },
                "language" => info with { Language = Text(field, value) ?? info.Language },
                "executable" => info with { Executable = Text(field, value) ?? info.Executable },
                "virtualEnvType" => info with { VirtualEnvType = Text(field, value) },
                "env" => info with { Env = Text(field, value) },
                "sources" => info with { Sources = Names(field, value) },
                "sinks" => info with { Sinks = Names(field, value) },
                "functions" => info with { Functions = Names(field, value) },
                _ => info,
            };
        }
        return info;
    }

    /// <summary>The form kept on the row: every field, in eKuiper's order, nil lists and optional fields as null.</summary>
    public string Write() => JsonText.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("name", Name);
        writer.WriteString("version", Version);
        writer.WriteString("language", Language);
        writer.WriteString("executable", Executable);
        writer.WriteString("virtualEnvType", VirtualEnvType);
        writer.WriteString("env", Env);
        WriteNames(writer, "sources", Sources);
        WriteNames(writer, "sinks", Sinks);
        WriteNames(writer, "functions", Functions);
        writer.WriteEndObject();
    });

    /// <summary>Reads <see cref="Write"/> back; null when <paramref name="json"/> is null or not of that form (a row of an older version).</summary>
    public static PortablePluginInfo? Read(string? json)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            {
                return null;
            }
            return ReadManifest(name.GetString()!, json);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? Text(string field, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        _ => throw new InvalidOperationException($"field {field} must be a string"),
    };

    private static IReadOnlyList<string>? Names(string field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            throw new InvalidOperationException($"field {field} must be an array of strings");
        }
        return value.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    private static void WriteNames(Utf8JsonWriter writer, string field, IReadOnlyList<string>? names)
    {
        if (names is null)
        {
            writer.WriteNull(field);
            return;
        }
        writer.WriteStartArray(field);
        foreach (var name in names)
        {
            writer.WriteStringValue(name);
        }
        writer.WriteEndArray();
    }
}
