using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Rules.Queries.GetRuleStatus;

/// <summary>GET /rules/{id}/status: "running" when the rule is triggered, else "stopped".</summary>
public sealed record GetRuleStatus(string Id) : IRequest<RuleStatusDto>;

public sealed class GetRuleStatusHandler(IEkuiperDbContext db) : IRequestHandler<GetRuleStatus, RuleStatusDto>
{
    public async Task<RuleStatusDto> Handle(GetRuleStatus request, CancellationToken cancellationToken)
    {
        var triggered = await db.Rules.AsNoTracking()
            .Where(r => r.Id == request.Id)
            .Select(r => (bool?)r.Triggered)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"get rule status error: Rule {request.Id} is not found");
        return new RuleStatusDto { Status = RuleStatuses.Of(triggered) };
    }
}
