using Ekuiper.Application.Common.Interfaces;
using MediatR;

namespace Ekuiper.Application.Rules.Queries.GetRuleStatus;

/// <summary>GET /rules/{id}/status: "running" when the rule is triggered, else "stopped".</summary>
public sealed record GetRuleStatus(string Id) : IRequest<RuleStatusDto>;

public sealed class GetRuleStatusHandler(IEkuiperDbContext db) : IRequestHandler<GetRuleStatus, RuleStatusDto>
{
    public async Task<RuleStatusDto> Handle(GetRuleStatus request, CancellationToken cancellationToken)
    {
        return new RuleStatusDto { Status = await RuleStatuses.OfStoredAsync(db, request.Id, cancellationToken) };
    }
}
