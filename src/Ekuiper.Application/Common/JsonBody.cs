using System.Text.Json;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Application.Common;

/// <summary>Peeks at a request body that is stored as sent (rules, scripts), before the domain checks run on it.</summary>
public static class JsonBody
{
    /// <summary>
    /// Reads the string field <paramref name="field"/> (null when absent or not a string). False, with the decoder's
    /// reason, only when the body is not a JSON object at all.
    /// </summary>
    public static bool TryReadString(string json, string field, out string? value, out string error)
    {
        value = null;
        error = string.Empty;
        try
        {
            using var document = JsonText.ParseUntrusted(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = $"expected a JSON object, found {document.RootElement.ValueKind.ToString().ToLowerInvariant()}";
                return false;
            }
            if (document.RootElement.TryGetProperty(field, out var found) && found.ValueKind == JsonValueKind.String)
            {
                value = found.GetString();
            }
            return true;
        }
        catch (JsonException e)
        {
            error = e.Message;
            return false;
        }
    }
}
