using System.Text.Json;

namespace Ekuiper.Domain.Ruleset;

/// <summary>
/// A Go type eKuiper decodes a request body into, as far as Go's encoding/json names it in its errors: a struct with
/// its string and bool fields (under their JSON names), or a map. With <see cref="GoJsonSyntax"/> it gives the text a Go
/// client of eKuiper reads for a body that does not decode: the syntax error first (Go scans the whole value before it
/// stores any of it), then "json: cannot unmarshal string into Go value of type js.Script" for a value of the wrong
/// kind, or "json: cannot unmarshal number into Go struct field Script.id of type string" for the first field, in the
/// order written, whose value does not fit (Go goes on decoding and reports the first). Fields are matched without
/// regard to case, as Go matches them; null fits every field, and fields the type does not have are ignored.
/// </summary>
public sealed class GoJsonType
{
    private readonly IReadOnlyList<(string Name, string GoType)>? _fields;

    private GoJsonType(string name, IReadOnlyList<(string Name, string GoType)>? fields)
    {
        Name = name;
        _fields = fields;
    }

    /// <summary>The type as Go prints it: "js.Script", "map[string]interface {}".</summary>
    public string Name { get; }

    /// <summary>How Go prints the type of a JSON object decoded into a generic map.</summary>
    public const string MapType = "map[string]interface {}";

    /// <summary>How Go prints a list of strings ([]string): an array of strings (or nulls), and null.</summary>
    public const string StringList = "[]string";

    /// <summary>map[string]interface {}: any object, and null.</summary>
    public static GoJsonType StringMap { get; } = new(MapType, null);

    /// <param name="name">The package-qualified type name, e.g. "server.statementDescriptor".</param>
    /// <param name="fields">
    /// Each field's JSON name and Go type ("string", "bool", "int", <see cref="StringList"/> or <see cref="MapType"/>); other
    /// fields take any value.
    /// </param>
    public static GoJsonType Struct(string name, params (string Name, string GoType)[] fields)
    {
        if (fields.Any(f => f.GoType is not ("string" or "bool" or "int" or StringList or MapType)))
        {
            throw new ArgumentException("only string, bool, int, []string and map fields are described", nameof(fields));
        }
        return new GoJsonType(name, fields);
    }

    /// <summary>The Go type ("string", "bool") of the struct field a JSON property is decoded into; null for any other.</summary>
    public string? FieldType(string property) =>
        _fields?.FirstOrDefault(f => string.Equals(f.Name, property, StringComparison.OrdinalIgnoreCase)).GoType;

    /// <summary>What json.NewDecoder(body).Decode(&amp;v) says of <paramref name="text"/>; null when it decodes.</summary>
    public string? DecodeError(string text) => GoJsonSyntax.Decode(text, out var first) ?? TypeError(first);

    /// <summary>What json.Unmarshal(body, &amp;v) says of <paramref name="text"/>; null when it decodes.</summary>
    public string? UnmarshalError(string text) => GoJsonSyntax.Unmarshal(text) ?? TypeError(text);

    /// <summary>Go's type error for one JSON value; null when it fits (or, should it not parse here, when none can be said).</summary>
    public string? TypeError(string value)
    {
        try
        {
            using var document = JsonDocument.Parse(value, new JsonDocumentOptions { MaxDepth = 10_000 });
            return TypeError(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public string? TypeError(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            return $"json: cannot unmarshal {GoJsonSyntax.KindOf(root.ValueKind)} into Go value of type {Name}";
        }
        if (_fields is null)
        {
            return null;
        }
        var structName = Name[(Name.LastIndexOf('.') + 1)..];
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value.ValueKind;
            var field = _fields.FirstOrDefault(f => string.Equals(f.Name, property.Name, StringComparison.OrdinalIgnoreCase));
            var fits = field.GoType switch
            {
                "string" => value is JsonValueKind.String or JsonValueKind.Null,
                "bool" => value is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null,
                "int" => value is JsonValueKind.Null || value == JsonValueKind.Number && property.Value.TryGetInt64(out _),
                MapType => value is JsonValueKind.Object or JsonValueKind.Null,
                StringList => value is JsonValueKind.Array or JsonValueKind.Null,
                _ => true,
            };
            if (fits && field.GoType == StringList && value == JsonValueKind.Array
                && property.Value.EnumerateArray().FirstOrDefault(e => e.ValueKind is not (JsonValueKind.String or JsonValueKind.Null)) is
                    { ValueKind: not JsonValueKind.Undefined } element)
            {
                // An element that does not fit is named by its kind, and the field by the element's type.
                return $"json: cannot unmarshal {GoJsonSyntax.KindOf(element.ValueKind)} into Go struct field {structName}.{field.Name} of type string";
            }
            if (!fits)
            {
                // Go names a number that does not fit a numeric field by its text ("number 1.5"), any other kind by its kind.
                var kind = value == JsonValueKind.Number && field.GoType == "int"
                    ? $"number {property.Value.GetRawText()}"
                    : GoJsonSyntax.KindOf(value);
                return $"json: cannot unmarshal {kind} into Go struct field {structName}.{field.Name} of type {field.GoType}";
            }
        }
        return null;
    }
}
