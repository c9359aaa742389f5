using System.Text.Json.Serialization;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Rules.Queries.MatchRuleTags;

/// <summary>GET /rules/tags/match with <c>{"tags":[…]}</c>: the ids of the rules holding every tag, sorted by id.</summary>
public sealed record MatchRuleTags(string Body) : IRequest<RuleTagMatchDto>;

/// <summary>eKuiper's answer: <c>{"rules":[…]}</c>, or <c>{}</c> when no rule matches.</summary>
public sealed class RuleTagMatchDto
{
    [JsonPropertyName("rules")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Rules { get; init; }
}

public sealed class MatchRuleTagsHandler(IEkuiperDbContext db) : IRequestHandler<MatchRuleTags, RuleTagMatchDto>
{
    public async Task<RuleTagMatchDto> Handle(MatchRuleTags request, CancellationToken cancellationToken)
    {
        var asked = RuleTagsBody.Parse(request.Body) ?? [];
        var ids = await MatchingRules.IdsAsync(db, asked, cancellationToken);
        return new RuleTagMatchDto { Rules = ids.Count > 0 ? ids : null };
    }
}

/// <summary>The rules whose stored tags match, sorted by id (eKuiper walks a map, in no fixed order).</summary>
internal static class MatchingRules
{
    public static async Task<List<string>> IdsAsync(IEkuiperDbContext db, IReadOnlyList<string> asked, CancellationToken cancellationToken)
    {
        // The listed tags' column (RuleListing), not the rules' JSON.
        var rules = await db.Rules.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Id, r.TagsJson }).ToListAsync(cancellationToken);
        return rules.Where(r => RuleTagsBody.Matches(RuleListing.Tags(r.TagsJson), asked)).Select(r => r.Id).ToList();
    }
}
