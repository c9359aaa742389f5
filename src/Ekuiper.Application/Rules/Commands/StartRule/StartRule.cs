using Ekuiper.Application.Store;
using Ekuiper.Application.Common.Interfaces;
using MediatR;

namespace Ekuiper.Application.Rules.Commands.StartRule;

/// <summary>POST /rules/{id}/start: sets the rule's triggered flag to true (see <see cref="RuleTrigger"/>).</summary>
/// <returns>eKuiper's answer, e.g. "Rule rule1 was started"</returns>
public sealed record StartRule(string Id) : IRequest<string>, IStoreWrite;

public sealed class StartRuleHandler(IEkuiperDbContext db, StoreWriteUnit unit) : IRequestHandler<StartRule, string>
{
    public async Task<string> Handle(StartRule request, CancellationToken cancellationToken)
    {
        await RuleTrigger.SetAsync(db, unit, request.Id, triggered: true, "start", cancellationToken);
        return $"Rule {request.Id} was started";
    }
}
