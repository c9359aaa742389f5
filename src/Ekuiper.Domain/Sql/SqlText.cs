using System.Text;

namespace Ekuiper.Domain.Sql;

/// <summary>Formatting of names and string literals so that printed SQL parses back to the same tree.</summary>
public static class SqlText
{
    /// <summary>The name as is when it lexes as a plain identifier, otherwise back-quoted.</summary>
    public static string Name(string name) => IsPlainIdentifier(name) ? name : $"`{name}`";

    /// <summary>A double-quoted literal with the escapes eKuiper (Go) understands.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    private static bool IsPlainIdentifier(string name) =>
        name.Length > 0 &&
        char.IsAsciiLetter(name[0]) &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') &&
        !SqlLexer.IsReservedWord(name);
}
