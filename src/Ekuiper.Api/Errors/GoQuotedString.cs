using System.Globalization;
using System.Text;

namespace Ekuiper.Api.Errors;

/// <summary>
/// A message quoted as eKuiper quotes it in its error bodies (Go's <c>%q</c>): printable characters, non-ASCII ones
/// included, are kept as they are; '"' and '\' are escaped; \b \f \n \r \t keep their short escapes; any other character
/// that is not printable becomes \u followed by four lower-case hex digits. Where Go would write an escape JSON does not
/// have (\a, \v, \xNN, \UNNNNNNNN), the JSON escape for the same character is written instead, so the body stays JSON.
/// </summary>
public static class GoQuotedString
{
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        Span<char> units = stackalloc char[2];
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': builder.Append("\\\""); continue;
                case '\\': builder.Append("\\\\"); continue;
                case '\b': builder.Append("\\b"); continue;
                case '\f': builder.Append("\\f"); continue;
                case '\n': builder.Append("\\n"); continue;
                case '\r': builder.Append("\\r"); continue;
                case '\t': builder.Append("\\t"); continue;
            }
            if (IsPrintable(rune))
            {
                builder.Append(rune.ToString());
                continue;
            }
            var length = rune.EncodeToUtf16(units);
            for (var i = 0; i < length; i++)
            {
                builder.Append("\\u").Append(((int)units[i]).ToString("x4", CultureInfo.InvariantCulture));
            }
        }
        builder.Append('"');
        return builder.ToString();
    }

    /// <summary>Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    private static bool IsPrintable(Rune rune)
    {
        if (rune.Value == ' ')
        {
            return true;
        }
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => false,
            _ => true,
        };
    }
}
