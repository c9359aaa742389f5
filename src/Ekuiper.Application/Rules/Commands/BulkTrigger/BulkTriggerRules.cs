using System.Text.Json.Serialization;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Rules.Queries.MatchRuleTags;
using Ekuiper.Application.Store;
using MediatR;

namespace Ekuiper.Application.Rules.Commands.BulkTrigger;

/// <summary>
/// POST /rules/bulkstart|bulkstop with <c>{"tags":[…]}</c>: starts or stops every rule whose tags match (see
/// <see cref="RuleTrigger"/>), sorted by id, and answers one result per rule.
/// </summary>
public sealed record BulkTriggerRules(string Body, bool Start) : IRequest<IReadOnlyList<BulkRuleResultDto>>, IStoreWrite;

/// <summary>One rule's outcome, as eKuiper answers it.</summary>
public sealed class BulkRuleResultDto
{
    [JsonPropertyName("ruleId")] public required string RuleId { get; init; }

    [JsonPropertyName("success")] public bool Success { get; init; }

    [JsonPropertyName("error")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }
}

public sealed class BulkTriggerRulesHandler(IEkuiperDbContext db, StoreWriteUnit unit)
    : IRequestHandler<BulkTriggerRules, IReadOnlyList<BulkRuleResultDto>>
{
    public async Task<IReadOnlyList<BulkRuleResultDto>> Handle(BulkTriggerRules request, CancellationToken cancellationToken)
    {
        var asked = RuleTagsBody.Parse(request.Body) ?? [];
        var ids = await MatchingRules.IdsAsync(db, asked, cancellationToken);
        if (ids.Count == 0)
        {
            throw new InvalidRequestException($"bulk {(request.Start ? "start" : "stop")} failed: no matching rules");
        }
        var results = new List<BulkRuleResultDto>(ids.Count);
        foreach (var id in ids)
        {
            await RuleTrigger.SetAsync(db, unit, id, request.Start, request.Start ? "start" : "stop", cancellationToken);
            results.Add(new BulkRuleResultDto { RuleId = id, Success = true });
        }
        return results;
    }
}
