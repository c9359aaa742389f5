using System.Text.Json;

namespace Ekuiper.Domain.Ruleset.Validation;

/// <summary>
/// Reads typed fields of one JSON object and words type mismatches clearly. Unknown fields are ignored, as
/// eKuiper's decoder ignores them.
/// </summary>
internal sealed class JsonObjectReader
{
    private readonly JsonElement _root;

    private JsonObjectReader(JsonElement root) => _root = root;

    public JsonElement Root => _root;

    /// <summary>Parses <paramref name="text"/> as a JSON object; the error is System.Text.Json's own message or a shape message.</summary>
    public static bool TryParse(string text, out JsonObjectReader reader, out string error)
    {
        reader = new JsonObjectReader(default);
        try
        {
            using var document = JsonText.ParseUntrusted(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = $"expected a JSON object, found {document.RootElement.ValueKind.ToString().ToLowerInvariant()}";
                return false;
            }
            // Clone so the element outlives the document.
            reader = new JsonObjectReader(document.RootElement.Clone());
            error = string.Empty;
            return true;
        }
        catch (JsonException e)
        {
            error = e.Message;
            return false;
        }
    }

    public bool Has(string name) => _root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>Reads an optional string field; null when absent or JSON null.</summary>
    public bool TryGetString(string name, out string? value, out string error)
    {
        value = null;
        error = string.Empty;
        if (!_root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            error = $"field {name} must be a string, found {element.ValueKind.ToString().ToLowerInvariant()}";
            return false;
        }
        value = element.GetString();
        return true;
    }

    /// <summary>Reads an optional boolean field; <paramref name="fallback"/> when absent.</summary>
    public bool TryGetBoolean(string name, bool fallback, out bool value, out string error)
    {
        value = fallback;
        error = string.Empty;
        if (!_root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            error = $"field {name} must be a boolean, found {element.ValueKind.ToString().ToLowerInvariant()}";
            return false;
        }
        value = element.GetBoolean();
        return true;
    }

    /// <summary>Checks an optional field is an array whose items all have <paramref name="itemKind"/>.</summary>
    public bool TryCheckArray(string name, JsonValueKind itemKind, out int count, out string error)
    {
        count = 0;
        error = string.Empty;
        if (!_root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (element.ValueKind != JsonValueKind.Array)
        {
            error = $"field {name} must be an array, found {element.ValueKind.ToString().ToLowerInvariant()}";
            return false;
        }
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != itemKind)
            {
                error = $"field {name} must hold only {itemKind.ToString().ToLowerInvariant()} items, found {item.ValueKind.ToString().ToLowerInvariant()}";
                return false;
            }
            count++;
        }
        return true;
    }

    /// <summary>Checks an optional field is an object.</summary>
    public bool TryCheckObject(string name, out string error)
    {
        error = string.Empty;
        if (!_root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"field {name} must be an object, found {element.ValueKind.ToString().ToLowerInvariant()}";
            return false;
        }
        return true;
    }
}
