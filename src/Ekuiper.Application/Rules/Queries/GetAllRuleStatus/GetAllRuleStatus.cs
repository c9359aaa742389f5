using System.Text.Json.Serialization;
using Ekuiper.Application.Common.Interfaces;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Rules.Queries.GetAllRuleStatus;

/// <summary>
/// GET /rules/status/all: every rule's status by id, sorted by id, with eKuiper's exception fields (no rule runs here,
/// so none has an exception).
/// </summary>
public sealed record GetAllRuleStatus : IRequest<IReadOnlyDictionary<string, RuleExceptionStatusDto>>;

/// <summary>One rule in GET /rules/status/all, fields in eKuiper's order.</summary>
public sealed class RuleExceptionStatusDto
{
    [JsonPropertyName("status")] public required string Status { get; init; }

    [JsonPropertyName("last_exception")] public string LastException { get; init; } = string.Empty;

    [JsonPropertyName("exceptions_total")] public long ExceptionsTotal { get; init; }
}

public sealed class GetAllRuleStatusHandler(IEkuiperDbContext db)
    : IRequestHandler<GetAllRuleStatus, IReadOnlyDictionary<string, RuleExceptionStatusDto>>
{
    public async Task<IReadOnlyDictionary<string, RuleExceptionStatusDto>> Handle(GetAllRuleStatus request, CancellationToken cancellationToken)
    {
        var rules = await db.Rules.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Id, r.Triggered }).ToListAsync(cancellationToken);
        var result = new OrderedDictionary<string, RuleExceptionStatusDto>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            result.Add(rule.Id, new RuleExceptionStatusDto { Status = RuleStatuses.Of(rule.Triggered) });
        }
        return result;
    }
}
