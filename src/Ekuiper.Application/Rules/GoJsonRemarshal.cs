using System.Globalization;
using System.Text;
using System.Text.Json;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Application.Rules;

/// <summary>
/// A stored rule JSON as eKuiper rewrites it when it changes one field: Go's <c>json.Unmarshal</c> into a map
/// followed by <c>json.Marshal</c>. So keys are sorted by their UTF-8 bytes at every depth (a repeated key keeps its
/// last value), numbers become float64 and are written as Go writes them (1.50 → 1.5, 1e21 → 1e+21), and strings are
/// escaped as Go escapes them (&lt;, &gt;, &amp;, U+2028 and U+2029 as \u escapes).
/// </summary>
public static class GoJsonRemarshal
{
    /// <summary>
    /// The rule's fields as a map, edited by <paramref name="edit"/>, then written as Go writes it; null when the JSON is
    /// not an object or holds a number float64 cannot hold (Go's unmarshal fails there, and eKuiper keeps the rule).
    /// </summary>
    public static string? Rewrite(string json, Action<IDictionary<string, object?>> edit)
    {
        Dictionary<string, object?> map;
        try
        {
            using var document = JsonText.ParseUntrusted(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object || ToValue(document.RootElement) is not Dictionary<string, object?> read)
            {
                return null;
            }
            map = read;
        }
        catch (Exception e) when (e is JsonException or OverflowException)
        {
            return null;
        }
        edit(map);
        var builder = new StringBuilder(json.Length + 32);
        Write(builder, map);
        return builder.ToString();
    }

    /// <summary>A string as Go's json.Marshal writes it, quotes included.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        WriteString(builder, text);
        return builder.ToString();
    }

    /// <summary>Names in the order Go sorts a map's keys: by their UTF-8 bytes.</summary>
    public static IEnumerable<T> SortedByKey<T>(IEnumerable<T> items, Func<T, string> key) => items.OrderBy(key, Utf8Order.Instance);

    private static object? ToValue(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    map[property.Name] = ToValue(property.Value); // the last of a repeated key wins, as in Go
                }
                return map;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(ToValue).ToList();
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                var number = double.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
                return double.IsFinite(number) ? number : throw new OverflowException("number out of the range of float64");
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    private static void Write(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case bool flag:
                builder.Append(flag ? "true" : "false");
                break;
            case string text:
                WriteString(builder, text);
                break;
            case double number:
                builder.Append(FormatFloat(number));
                break;
            case int whole:
                builder.Append(whole.ToString(CultureInfo.InvariantCulture));
                break;
            case long whole:
                builder.Append(whole.ToString(CultureInfo.InvariantCulture));
                break;
            case IDictionary<string, object?> map:
                builder.Append('{');
                var first = true;
                foreach (var key in map.Keys.OrderBy(k => k, Utf8Order.Instance))
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }
                    first = false;
                    WriteString(builder, key);
                    builder.Append(':');
                    Write(builder, map[key]);
                }
                builder.Append('}');
                break;
            case System.Collections.IEnumerable items:
                builder.Append('[');
                var firstItem = true;
                foreach (var item in items)
                {
                    if (!firstItem)
                    {
                        builder.Append(',');
                    }
                    firstItem = false;
                    Write(builder, item);
                }
                builder.Append(']');
                break;
            default:
                throw new ArgumentException($"unsupported value {value.GetType().Name}", nameof(value));
        }
    }

    private static void WriteString(StringBuilder builder, string text)
    {
        const string hex = "0123456789abcdef";
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029' or < ' ':
                    builder.Append("\\u").Append(hex[c >> 12]).Append(hex[(c >> 8) & 0xF]).Append(hex[(c >> 4) & 0xF]).Append(hex[c & 0xF]);
                    break;
                default: builder.Append(c); break;
            }
        }
        builder.Append('"');
    }

    /// <summary>A float64 as Go's encoding/json writes it: the shortest digits, in exponent form below 1e-6 and from 1e21.</summary>
    public static string FormatFloat(double value)
    {
        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }
        // Shortest round-trip digits and the decimal exponent: value = 0.DIGITS × 10^point.
        var roundTrip = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = roundTrip.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? roundTrip : roundTrip[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(roundTrip[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.');
        var integerDigits = dot < 0 ? mantissa.Length : dot;
        var digits = mantissa.Replace(".", string.Empty, StringComparison.Ordinal);
        var point = integerDigits + exponent;
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        point -= leading;

        var sign = value < 0 ? "-" : string.Empty;
        var magnitude = Math.Abs(value);
        if (magnitude < 1e-6 || magnitude >= 1e21)
        {
            var e = point - 1;
            var text = digits.Length > 1 ? $"{digits[0]}.{digits[1..]}" : digits;
            var exponentText = Math.Abs(e) < 10 && e >= 0 ? $"0{e}" : Math.Abs(e).ToString(CultureInfo.InvariantCulture);
            return $"{sign}{text}e{(e < 0 ? '-' : '+')}{exponentText}";
        }
        if (point <= 0)
        {
            return $"{sign}0.{new string('0', -point)}{digits}";
        }
        if (point >= digits.Length)
        {
            return sign + digits + new string('0', point - digits.Length);
        }
        return $"{sign}{digits[..point]}.{digits[point..]}";
    }

    private sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(string? x, string? y) =>
            Encoding.UTF8.GetBytes(x ?? string.Empty).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y ?? string.Empty));
    }
}
