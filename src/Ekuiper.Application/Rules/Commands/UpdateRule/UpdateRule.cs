using Ekuiper.Application.Store;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Ruleset;
using MediatR;

namespace Ekuiper.Application.Rules.Commands.UpdateRule;

/// <summary>
/// PUT /rules/{id}: replaces the rule, or creates it when absent (eKuiper upserts). The body's id must be
/// <paramref name="Id"/>; a lower version than the stored rule's is refused.
/// </summary>
/// <returns>eKuiper's answer, e.g. "Rule rule1 was updated successfully."</returns>
public sealed record UpdateRule(string Id, string Json) : IRequest<string>, IStoreWrite;

/// <summary>Checked by the import's own checks, through <see cref="SingleEntryImport"/>, as <c>CreateRule</c> is.</summary>
public sealed class UpdateRuleHandler(SingleEntryImport entries) : IRequestHandler<UpdateRule, string>
{
    public async Task<string> Handle(UpdateRule request, CancellationToken cancellationToken)
    {
        await entries.WriteAsync(RulesetSection.Rules, request.Id, request.Json, null, "Update rule error", cancellationToken);
        return $"Rule {request.Id} was updated successfully.";
    }
}
