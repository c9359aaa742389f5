using AutoMapper;
using Ekuiper.Application.Common.Interfaces;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Rules.Queries.ListRules;

/// <summary>GET /rules: every rule with its name and status, sorted by id as eKuiper sorts them.</summary>
public sealed record ListRules : IRequest<IReadOnlyList<RuleSummaryDto>>;

public sealed class ListRulesHandler(IEkuiperDbContext db, IMapper mapper) : IRequestHandler<ListRules, IReadOnlyList<RuleSummaryDto>>
{
    public async Task<IReadOnlyList<RuleSummaryDto>> Handle(ListRules request, CancellationToken cancellationToken)
    {
        var rules = await db.Rules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return mapper.Map<List<RuleSummaryDto>>(rules);
    }
}
