using System.Text.Json;

namespace Ekuiper.Domain.Ruleset;

/// <summary>Reads the text of an import file into a <see cref="Ruleset"/>; never throws for bad input.</summary>
public static class RulesetDocument
{
    /// <summary>
    /// Parses <paramref name="text"/>. On failure <paramref name="error"/> holds the reason, phrased to follow
    /// eKuiper's "configuration unmarshal with error …" prefix.
    /// </summary>
    public static bool TryParse(string text, out Ruleset ruleset, out string error)
    {
        ruleset = new Ruleset();
        error = string.Empty;
        try
        {
            using var document = JsonText.ParseUntrusted(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = $"the document must be a JSON object with the ruleset sections, found {Describe(document.RootElement.ValueKind)}";
                return false;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                // Unknown top-level fields are tolerated, as eKuiper's decoder does.
                if (!RulesetSections.TryParseWireName(property.Name, out var section))
                {
                    continue;
                }
                if (!TryReadSection(ruleset, section, property.Value, out error))
                {
                    return false;
                }
            }
            return true;
        }
        catch (JsonException e)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>
    /// Writes the twelve sections in eKuiper's order, each an object with its keys in ordinal order, compact.
    /// The same map always gives the same bytes, which is what makes export → import → export byte-identical.
    /// </summary>
    /// <summary>Bytes buffered by <see cref="WriteAsync"/> before they are handed to the destination.</summary>
    private const int FlushThreshold = 64 * 1024;

    /// <summary>
    /// Writes the same bytes as <see cref="Write(SectionMap)"/> from entries produced section by section (each in
    /// ordinal key order), so that a whole store can be written as it is read, never held in memory.
    /// </summary>
    public static async Task WriteAsync(
        Stream destination,
        Func<RulesetSection, IAsyncEnumerable<KeyValuePair<string, string>>> entriesOf,
        CancellationToken cancellationToken)
    {
        await using var writer = JsonText.CreateWriter(destination);
        writer.WriteStartObject();
        foreach (var section in RulesetSections.All)
        {
            writer.WriteStartObject(section.WireName());
            await foreach (var (key, value) in entriesOf(section).WithCancellation(cancellationToken))
            {
                writer.WriteString(key, value);
                if (writer.BytesPending >= FlushThreshold)
                {
                    await writer.FlushAsync(cancellationToken);
                }
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }

    public static byte[] Write(SectionMap map) => JsonText.WriteBytes(writer =>
    {
        writer.WriteStartObject();
        foreach (var section in RulesetSections.All)
        {
            writer.WriteStartObject(section.WireName());
            foreach (var (key, value) in map[section])
            {
                writer.WriteString(key, value);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    });

    private static bool TryReadSection(Ruleset ruleset, RulesetSection section, JsonElement value, out string error)
    {
        error = string.Empty;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            error = $"section {section.WireName()} must be an object of name to string, found {Describe(value.ValueKind)}";
            return false;
        }
        foreach (var entry in value.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                error = $"section {section.WireName()}: the value of {entry.Name} must be a string, found {Describe(entry.Value.ValueKind)}";
                return false;
            }
            ruleset.Set(section, entry.Name, entry.Value.GetString()!);
        }
        return true;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
