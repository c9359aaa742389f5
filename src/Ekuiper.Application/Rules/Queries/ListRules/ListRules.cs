using AutoMapper;
using Ekuiper.Application.Common.Interfaces;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Rules.Queries.ListRules;

/// <summary>GET /rules: every rule with its name and status, sorted by id as eKuiper sorts them.</summary>
public sealed record ListRules : IRequest<IReadOnlyList<RuleSummaryDto>>;

/// <summary>The columns GET /rules reads of a stored rule: never its JSON (<see cref="Domain.Definitions.RuleListing"/>).</summary>
public sealed record ListedRule(string Id, string? Name, string? TagsJson, bool Triggered, string? Version);

public sealed class ListRulesHandler(IEkuiperDbContext db, IMapper mapper) : IRequestHandler<ListRules, IReadOnlyList<RuleSummaryDto>>
{
    public async Task<IReadOnlyList<RuleSummaryDto>> Handle(ListRules request, CancellationToken cancellationToken)
    {
        var rules = await db.Rules.AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new ListedRule(r.Id, r.Name, r.TagsJson, r.Triggered, r.Version))
            .ToListAsync(cancellationToken);
        return mapper.Map<List<RuleSummaryDto>>(rules);
    }
}
