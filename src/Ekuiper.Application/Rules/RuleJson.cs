using System.Text.Json;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Application.Rules;

/// <summary>
/// Reads the few fields the REST endpoints need from a stored rule's JSON, and rewrites its triggered flag. Stored
/// rules passed <see cref="Domain.Ruleset.Validation.RuleEntryValidator"/>, so they are JSON objects; anything else
/// reads as absent rather than failing a listing.
/// </summary>
public static class RuleJson
{
    public static string? ReadString(string json, string field)
    {
        using var document = TryParseObject(json);
        return document is not null && document.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
    }

    /// <summary>
    /// The rule with "triggered" set to <paramref name="triggered"/>, the other fields untouched and in their order, as
    /// eKuiper rewrites a rule it starts or stops (so that the export and GET /rules/{id} show the state).
    /// </summary>
    public static string WithTriggered(string json, bool triggered) => JsonText.Write(writer =>
    {
        using var document = JsonText.ParseUntrusted(json);
        writer.WriteStartObject();
        var written = false;
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (!property.NameEquals("triggered"))
            {
                property.WriteTo(writer);
            }
            else if (!written)
            {
                writer.WriteBoolean("triggered", triggered);
                written = true;
            }
        }
        if (!written)
        {
            writer.WriteBoolean("triggered", triggered);
        }
        writer.WriteEndObject();
    });

    private static JsonDocument? TryParseObject(string json)
    {
        try
        {
            var document = JsonText.ParseUntrusted(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }
            document.Dispose();
        }
        catch (JsonException)
        {
        }
        return null;
    }
}
