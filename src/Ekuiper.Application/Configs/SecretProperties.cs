using System.Text.Json;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Application.Configs;

/// <summary>
/// eKuiper's config key API never shows a password or token: GET answers "******" in its place (at any depth), and a
/// PUT that sends "******" back keeps the stored value. Only the answers are masked; the store and the export keep
/// the real values.
/// </summary>
public static class SecretProperties
{
    public const string Mask = "******";

    public static bool IsSecret(string propertyName) =>
        propertyName.Equals("password", StringComparison.OrdinalIgnoreCase) || propertyName.Equals("token", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes <paramref name="properties"/> with every secret masked.</summary>
    public static void WriteHidden(Utf8JsonWriter writer, JsonElement properties)
    {
        switch (properties.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in properties.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    if (IsSecret(property.Name) && property.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
                    {
                        writer.WriteStringValue(Mask);
                    }
                    else
                    {
                        WriteHidden(writer, property.Value);
                    }
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in properties.EnumerateArray())
                {
                    WriteHidden(writer, item);
                }
                writer.WriteEndArray();
                break;
            default:
                properties.WriteTo(writer);
                break;
        }
    }

    /// <summary>
    /// <paramref name="submitted"/> with each secret sent as <see cref="Mask"/> replaced by the value stored at the
    /// same place in <paramref name="stored"/>; a mask with nothing stored behind it is kept as sent.
    /// </summary>
    public static string Restore(JsonElement submitted, JsonElement? stored) => JsonText.Write(writer => WriteRestored(writer, submitted, stored));

    private static void WriteRestored(Utf8JsonWriter writer, JsonElement submitted, JsonElement? stored)
    {
        if (submitted.ValueKind != JsonValueKind.Object)
        {
            submitted.WriteTo(writer);
            return;
        }
        writer.WriteStartObject();
        foreach (var property in submitted.EnumerateObject())
        {
            writer.WritePropertyName(property.Name);
            JsonElement? storedValue = stored is { ValueKind: JsonValueKind.Object } storedObject
                                       && storedObject.TryGetProperty(property.Name, out var found)
                ? found
                : null;
            if (IsSecret(property.Name) && property.Value.ValueKind == JsonValueKind.String
                && property.Value.ValueEquals(Mask) && storedValue is not null)
            {
                storedValue.Value.WriteTo(writer);
            }
            else
            {
                WriteRestored(writer, property.Value, storedValue);
            }
        }
        writer.WriteEndObject();
    }
}
