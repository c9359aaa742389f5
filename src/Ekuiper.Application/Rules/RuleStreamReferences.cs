using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Sql;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Rules;

/// <summary>Which stored rules read a stream or table, so that it is not dropped from under them.</summary>
public static class RuleStreamReferences
{
    /// <summary>The ids of the rules whose SQL reads <paramref name="streamName"/>, sorted.</summary>
    public static async Task<IReadOnlyList<string>> RulesReadingAsync(IEkuiperDbContext db, string streamName, CancellationToken cancellationToken)
    {
        var rules = await db.Rules.AsNoTracking().Select(r => new { r.Id, r.Json }).ToListAsync(cancellationToken);
        return rules
            .Where(r => RuleJson.ReadString(r.Json, "sql") is { } sql && SqlSourceNames.Of(sql).Contains(streamName, StringComparer.Ordinal))
            .Select(r => r.Id)
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>
/// TEMPORARY stand-in for <c>Ekuiper.Domain.Sql.SqlReferences.Collect</c> (the SELECT parser being written in
/// parallel): swap the call in RuleStreamReferences and ValidateRule for it once it
/// is merged, and delete this class. It lexes the SQL and takes the name after FROM and after each JOIN, which is
/// where eKuiper's grammar puts the streams and tables a rule reads.
/// </summary>
internal static class SqlSourceNames
{
    public static IReadOnlyList<string> Of(string sql)
    {
        var tokens = SqlLexer.Tokenize(sql);
        var names = new List<string>();
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Kind is TokenKind.From or TokenKind.Join && tokens[i + 1].Kind == TokenKind.Identifier
                && !names.Contains(tokens[i + 1].Text, StringComparer.Ordinal))
            {
                names.Add(tokens[i + 1].Text);
            }
        }
        return names;
    }
}
