using System.Text.Json;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Domain.Ruleset.Validation;

namespace Ekuiper.Application.Artifacts;

/// <summary>
/// A schema as eKuiper's schema.Info holds it: type, name, content or file, soFile, version. Its
/// <see cref="EntryJson"/> is the Schema entry eKuiper stores for it (and exports), under <see cref="Key"/>.
/// </summary>
public sealed record SchemaInfo(string Type, string Name, string? Content, string? File, string? SoFile, string? Version)
{
    /// <summary>The entry key: "protobuf_book".</summary>
    public string Key => $"{Type}_{Name}";

    /// <summary>The entry as Go marshals schema.Info: type and name, then the non-empty content, file, soFile and version.</summary>
    public string EntryJson() => JsonText.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("type", Type);
        writer.WriteString("name", Name);
        WriteIfGiven(writer, "content", Content);
        WriteIfGiven(writer, "file", File);
        WriteIfGiven(writer, "soFile", SoFile);
        WriteIfGiven(writer, "version", Version);
        writer.WriteEndObject();
    });

    /// <summary>eKuiper's Info.Validate: its checks, in its order, and its words; null when the schema passes.</summary>
    public string? Problem()
    {
        if (Name.Length == 0)
        {
            return "name is required";
        }
        if (!string.IsNullOrEmpty(Content) && !string.IsNullOrEmpty(File))
        {
            return "cannot specify both content and file";
        }
        if (!ArtifactEntryValidator.SchemaTypes.Contains(Type))
        {
            return $"unsupported schema type {Type}";
        }
        if (Type == "protobuf" && string.IsNullOrEmpty(Content) && string.IsNullOrEmpty(File))
        {
            return "must specify content or file";
        }
        return Type == "custom" && string.IsNullOrEmpty(SoFile) ? "soFile is required" : null;
    }

    private static void WriteIfGiven(Utf8JsonWriter writer, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteString(name, value);
        }
    }
}

/// <summary>The body of POST /schemas/{type} and PUT /schemas/{type}/{name}, decoded as eKuiper decodes it into schema.Info.</summary>
public static class SchemaBody
{
    /// <summary>eKuiper's schema.Info, as far as Go's type errors name it.</summary>
    public static GoJsonType GoType { get; } = GoJsonType.Struct("schema.Info",
        ("type", "string"), ("name", "string"), ("content", "string"), ("file", "string"), ("soFile", "string"), ("version", "string"));

    private static readonly string[] Fields = ["type", "name", "content", "file", "soFile", "version"];

    /// <summary>
    /// Decodes the body's first JSON value over a schema.Info that already holds <paramref name="type"/> and
    /// <paramref name="name"/> (from the path): a field the body gives replaces it, as Go's decoder does.
    /// </summary>
    /// <exception cref="InvalidRequestException">"Invalid body: Error decoding schema json: {Go's error}".</exception>
    public static SchemaInfo Decode(string body, string type, string name)
    {
        if ((GoJsonSyntax.Decode(body, out var first) ?? GoType.TypeError(first)) is { } error)
        {
            throw new InvalidRequestException($"Invalid body: Error decoding schema json: {error}");
        }
        var values = new Dictionary<string, string?>(StringComparer.Ordinal) { ["type"] = type, ["name"] = name };
        using var document = JsonText.ParseUntrusted(first);
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                // Go matches a field's name without regard to case; null leaves the field as it was.
                var field = Fields.FirstOrDefault(f => string.Equals(f, property.Name, StringComparison.OrdinalIgnoreCase));
                if (field is not null && property.Value.ValueKind == JsonValueKind.String)
                {
                    values[field] = property.Value.GetString();
                }
            }
        }
        return new SchemaInfo(values["type"] ?? string.Empty, values["name"] ?? string.Empty, values.GetValueOrDefault("content"),
            values.GetValueOrDefault("file"), values.GetValueOrDefault("soFile"), values.GetValueOrDefault("version"));
    }
}
