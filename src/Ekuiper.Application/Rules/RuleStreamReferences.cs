using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Rules;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Rules;

/// <summary>Which stored rules read a stream or table, so that it is not dropped from under them.</summary>
public static class RuleStreamReferences
{
    /// <summary>The ids of the rules whose SQL or graph reads <paramref name="streamName"/>, sorted.</summary>
    public static async Task<IReadOnlyList<string>> RulesReadingAsync(IEkuiperDbContext db, string streamName, CancellationToken cancellationToken)
    {
        var rules = await db.Rules.AsNoTracking().Select(r => new { r.Id, r.Json }).ToListAsync(cancellationToken);
        return rules
            .Where(r => RuleAnalysis.TryAnalyze(r.Json, out var dependencies, out _)
                        && dependencies.Sources.Contains(streamName, StringComparer.Ordinal))
            .Select(r => r.Id)
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToList();
    }
}
