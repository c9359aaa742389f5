using Ekuiper.Application.Common.Interfaces;
using MediatR;

namespace Ekuiper.Application.Rules.Queries.GetRuleStatus;

/// <summary>
/// GET /rules/{id}/status: "running" when the rule is triggered, else "stopped", with eKuiper's timing fields and no
/// metrics (no rule runs here), written as eKuiper writes it: its fields in its order, indented by Go's json.Indent.
/// </summary>
public sealed record GetRuleStatus(string Id) : IRequest<string>;

public sealed class GetRuleStatusHandler(IEkuiperDbContext db) : IRequestHandler<GetRuleStatus, string>
{
    public async Task<string> Handle(GetRuleStatus request, CancellationToken cancellationToken)
    {
        var status = await RuleStatuses.OfStoredAsync(db, request.Id, cancellationToken);
        return "{\n" +
               $"  \"status\": {GoJsonRemarshal.Quote(status)},\n" +
               "  \"message\": \"\",\n" +
               "  \"lastStartTimestamp\": 0,\n" +
               "  \"lastStopTimestamp\": 0,\n" +
               "  \"nextStartTimestamp\": 0\n" +
               "}";
    }
}
