using System.Text;
using System.Text.Json;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Domain.Definitions;

/// <summary>
/// What GET /rules lists of a rule besides its id and status, read from its JSON: its "name" when that is a non-empty
/// string (the list shows the id otherwise, as eKuiper does), and the strings of its "tags" array (null when it has
/// no tags array, an empty list when the array holds no string). Kept in columns of their own
/// (<see cref="RuleDefinition.Name"/>, <see cref="RuleDefinition.TagsJson"/>) so that the list reads no rule JSON.
/// Stored rules passed the import's checks, so they are JSON objects; anything else lists with neither.
/// </summary>
public static class RuleListing
{
    public static (string? Name, string? TagsJson) Of(string json)
    {
        try
        {
            using var document = JsonText.ParseUntrusted(json);
            return Of(document.RootElement);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>The same from the rule already parsed (the import's check parses each rule once).</summary>
    public static (string? Name, string? TagsJson) Of(JsonElement rule)
    {
        if (rule.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }
        var name = rule.TryGetProperty("name", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var tags = rule.TryGetProperty("tags", out var array) && array.ValueKind == JsonValueKind.Array
            ? WriteTags(array.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!))
            : null;
        return (name is { Length: > 0 } ? name : null, tags);
    }

    /// <summary>The tags <see cref="RuleDefinition.TagsJson"/> holds; null when none.</summary>
    public static IReadOnlyList<string>? Tags(string? tagsJson)
    {
        if (tagsJson is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(tagsJson);
        var tags = new List<string>(document.RootElement.GetArrayLength());
        foreach (var tag in document.RootElement.EnumerateArray())
        {
            tags.Add(tag.GetString()!);
        }
        return tags;
    }

    /// <summary>
    /// A JSON array of the strings, compact, each escaped as SQLite's <c>json_quote</c> and PostgreSQL's jsonb output
    /// escape them (quote and backslash, \b \t \n \f \r, other controls as lowercase \u00xx, nothing else), so that the
    /// migration that filled the column for stored rules (<c>RuleListingColumns</c>) wrote the same text a write writes
    /// now, and a re-import of an unchanged rule changes no row.
    /// </summary>
    public static string WriteTags(IEnumerable<string> tags)
    {
        var text = new StringBuilder("[");
        foreach (var tag in tags)
        {
            if (text.Length > 1)
            {
                text.Append(',');
            }
            text.Append('"');
            foreach (var c in tag)
            {
                switch (c)
                {
                    case '"': text.Append("\\\""); break;
                    case '\\': text.Append("\\\\"); break;
                    case '\b': text.Append("\\b"); break;
                    case '\t': text.Append("\\t"); break;
                    case '\n': text.Append("\\n"); break;
                    case '\f': text.Append("\\f"); break;
                    case '\r': text.Append("\\r"); break;
                    case < ' ': text.Append("\\u00").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture)); break;
                    default: text.Append(c); break;
                }
            }
            text.Append('"');
        }
        return text.Append(']').ToString();
    }
}
