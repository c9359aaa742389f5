using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Ekuiper.Domain.Ruleset;

/// <summary>Reads the text of an import file into a <see cref="Ruleset"/>; never throws for bad input.</summary>
public static class RulesetDocument
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    /// <summary>
    /// Parses <paramref name="text"/>. On failure <paramref name="error"/> holds the reason in the words of Go's
    /// json.Unmarshal into eKuiper's Configuration struct, to follow eKuiper's "configuration unmarshal with error …".
    /// </summary>
    public static bool TryParse(string text, out Ruleset ruleset, out string error) =>
        TryParse(Encoding.UTF8.GetBytes(text), out ruleset, out error);

    /// <summary>
    /// Parses a UTF-8 document (a leading byte order mark is allowed). The values are not copied: the ruleset keeps
    /// them as slices of <paramref name="utf8Text"/> (see <see cref="SectionMap"/>), so the caller must leave those
    /// bytes unchanged while the ruleset is in use. Syntax errors anywhere come before complaints about the shape, as
    /// when the whole document is checked first; unknown top-level fields are tolerated, as eKuiper's decoder does.
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> utf8Text, out Ruleset ruleset, out string error)
    {
        ruleset = new Ruleset();
        if (utf8Text.Span.StartsWith(Utf8Bom))
        {
            utf8Text = utf8Text[Utf8Bom.Length..];
        }
        if (!Utf8.IsValid(utf8Text.Span))
        {
            error = "the document is not valid UTF-8 text";
            return false;
        }
        var reader = new Utf8JsonReader(utf8Text.Span, ReaderOptions);
        try
        {
            string? shapeError = null;
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                // Go reads null as an empty document, and eKuiper's full import then empties the store: more likely a
                // script's empty variable than a wish, so it is refused (docs/compatibility.md).
                shapeError = "the document is null, not an object with the ruleset sections";
            }
            else if (reader.TokenType != JsonTokenType.StartObject)
            {
                shapeError = $"json: cannot unmarshal {GoKind(reader.TokenType)} into Go value of type server.{GoStruct}";
                SkipChecked(ref reader);
            }
            else
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    if (shapeError is null && RulesetSections.TryParseWireName(name, out var section))
                    {
                        shapeError = ReadSection(ruleset, section, utf8Text, ref reader);
                    }
                    else
                    {
                        SkipChecked(ref reader);
                    }
                }
            }
            // Only white space may follow the document: the reader throws on anything else.
            reader.Read();
            error = shapeError ?? string.Empty;
            return shapeError is null;
        }
        catch (JsonException e)
        {
            // Go's scanner words the first syntax error of the whole text; the reader's own text only where Go has none
            // (a depth over 64, which Go's decoder does not limit so low).
            error = GoJsonSyntax.Unmarshal(utf8Text.Span) ?? e.Message;
            return false;
        }
        catch (InvalidOperationException e)
        {
            // System.Text.Json reads an unpaired surrogate escape such as "\ud800" but cannot make a string of it.
            error = $"the JSON text is not valid Unicode: {e.Message}";
            return false;
        }
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Bytes buffered by <see cref="WriteAsync"/> before they are handed to the destination.</summary>
    private const int FlushThreshold = 64 * 1024;

    /// <summary>
    /// Writes the same bytes as <see cref="Write(SectionMap)"/> from entries produced section by section (each in
    /// ordinal key order), so that a whole store can be written as it is read, never held in memory.
    /// </summary>
    /// <returns>How many entries each section got, indexed by <see cref="RulesetSection"/>.</returns>
    public static async Task<int[]> WriteAsync(
        Stream destination,
        Func<RulesetSection, IAsyncEnumerable<KeyValuePair<string, string>>> entriesOf,
        CancellationToken cancellationToken)
    {
        var counts = new int[RulesetSections.All.Count];
        await using var writer = JsonText.CreateWriter(destination);
        writer.WriteStartObject();
        foreach (var section in RulesetSections.All)
        {
            writer.WriteStartObject(section.WireName());
            await foreach (var (key, value) in entriesOf(section).WithCancellation(cancellationToken))
            {
                writer.WriteString(key, value);
                counts[(int)section]++;
                if (writer.BytesPending >= FlushThreshold)
                {
                    await writer.FlushAsync(cancellationToken);
                }
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        return counts;
    }

    /// <summary>
    /// Writes the twelve sections in eKuiper's order, each an object with its keys in ordinal order, compact.
    /// The same map always gives the same bytes, which is what makes export → import → export byte-identical.
    /// </summary>
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

    /// <summary>Reads the section value the reader is on, up to its end; returns the first error in its shape.</summary>
    private static string? ReadSection(Ruleset ruleset, RulesetSection section, ReadOnlyMemory<byte> document, ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var found = reader.TokenType;
            SkipChecked(ref reader);
            return $"json: cannot unmarshal {GoKind(found)} into Go struct field {GoStruct}.{section.WireName()} of type map[string]string";
        }
        string? error = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (error is null && reader.TokenType == JsonTokenType.Null)
            {
                // Go would store the empty string, and a full import would land without the entry: refused whole.
                error = $"section {section.WireName()}: the value of {key} is null, not a string";
            }
            else if (error is null && reader.TokenType != JsonTokenType.String)
            {
                // Go's words, which name the section but not the key (its error context holds struct fields only).
                error = $"json: cannot unmarshal {GoKind(reader.TokenType)} into Go struct field {GoStruct}.{section.WireName()} of type string";
            }
            if (error is not null)
            {
                SkipChecked(ref reader); // the rest is still read, for syntax errors
            }
            else if (reader.ValueIsEscaped && reader.ValueSpan.IndexOf("\\u"u8) >= 0)
            {
                // A \u escape may name half a surrogate pair, which no string can hold: decode now, to refuse it now.
                ruleset.Set(section, key, reader.GetString()!);
            }
            else
            {
                var token = document[(int)reader.TokenStartIndex..(int)reader.BytesConsumed];
                ruleset.SetJsonString(section, key, token, reader.ValueIsEscaped);
            }
        }
        return error;
    }

    /// <summary>
    /// Moves past the value the reader is on, checking that every name and string in it makes valid Unicode
    /// (the rest of the syntax the reader checks itself).
    /// </summary>
    private static void SkipChecked(ref Utf8JsonReader reader)
    {
        CheckText(ref reader);
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return;
        }
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            CheckText(ref reader);
        }
    }

    /// <exception cref="InvalidOperationException">The name or string the reader is on holds an unpaired surrogate.</exception>
    private static void CheckText(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName
            && reader.ValueIsEscaped && reader.ValueSpan.IndexOf("\\u"u8) >= 0)
        {
            _ = reader.GetString();
        }
    }

    /// <summary>The name of eKuiper's import struct in Go's type errors.</summary>
    private const string GoStruct = "Configuration";

    /// <summary>How Go names the kind of the value a token starts.</summary>
    private static string GoKind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "bool",
        _ => "null",
    };
}
