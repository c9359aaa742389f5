using Ekuiper.Application.Store;
using Ekuiper.Application.Common.Interfaces;
using MediatR;

namespace Ekuiper.Application.Rules.Commands.RestartRule;

/// <summary>POST /rules/{id}/restart: sets the rule's triggered flag to true (see <see cref="RuleTrigger"/>).</summary>
/// <returns>eKuiper's answer, e.g. "Rule rule1 was restarted"</returns>
public sealed record RestartRule(string Id) : IRequest<string>, IStoreWrite;

public sealed class RestartRuleHandler(IEkuiperDbContext db, StoreWriteUnit unit) : IRequestHandler<RestartRule, string>
{
    public async Task<string> Handle(RestartRule request, CancellationToken cancellationToken)
    {
        await RuleTrigger.SetAsync(db, unit, request.Id, triggered: true, "restart", cancellationToken);
        return $"Rule {request.Id} was restarted";
    }
}
