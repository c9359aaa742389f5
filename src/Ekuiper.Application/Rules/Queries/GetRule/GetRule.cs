using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Common.Queries;
using MediatR;

namespace Ekuiper.Application.Rules.Queries.GetRule;

/// <summary>GET /rules/{id}: the rule JSON exactly as stored.</summary>
public sealed record GetRule(string Id) : IRequest<string>;

public sealed class GetRuleHandler(IEkuiperDbContext db) : IRequestHandler<GetRule, string>
{
    public async Task<string> Handle(GetRule request, CancellationToken cancellationToken) =>
        await HotReads.RuleJson(db.Context, request.Id, cancellationToken)
        ?? throw new NotFoundException($"Describe rule error: Rule {request.Id} is not found.");
}
