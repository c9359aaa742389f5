using Ekuiper.Application.Store;
using Ekuiper.Application.Common.Interfaces;
using MediatR;

namespace Ekuiper.Application.Rules.Commands.StopRule;

/// <summary>POST /rules/{id}/stop: sets the rule's triggered flag to false (see <see cref="RuleTrigger"/>).</summary>
/// <returns>eKuiper's answer, e.g. "Rule rule1 was stopped."</returns>
public sealed record StopRule(string Id) : IRequest<string>, IStoreWrite;

public sealed class StopRuleHandler(IEkuiperDbContext db, StoreWriteUnit unit) : IRequestHandler<StopRule, string>
{
    public async Task<string> Handle(StopRule request, CancellationToken cancellationToken)
    {
        await RuleTrigger.SetAsync(db, unit, request.Id, triggered: false, "stop", cancellationToken);
        return $"Rule {request.Id} was stopped.";
    }
}
