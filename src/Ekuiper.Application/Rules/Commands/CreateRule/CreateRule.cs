using Ekuiper.Application.Common;
using Ekuiper.Application.Store;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Ruleset;
using MediatR;

namespace Ekuiper.Application.Rules.Commands.CreateRule;

/// <summary>POST /rules: the body is the rule JSON, stored exactly as sent. Its id must be new.</summary>
/// <returns>eKuiper's answer, e.g. "Rule rule1 was created successfully."</returns>
public sealed record CreateRule(string Json) : IRequest<string>, IStoreWrite;

/// <summary>
/// The rule is checked by the import's own checks (<see cref="SingleEntryImport"/> → <see cref="ImportPlanner"/>), so
/// every rule check an import gains applies here too.
/// </summary>
public sealed class CreateRuleHandler(SingleEntryImport entries) : IRequestHandler<CreateRule, string>
{
    public async Task<string> Handle(CreateRule request, CancellationToken cancellationToken)
    {
        if (!JsonBody.TryReadString(request.Json, "id", out var id, out _))
        {
            // As eKuiper: what Go's decoder says of the body, in its "Parse rule <json> error : …." words.
            throw new InvalidRequestException(
                $"invalid rule json: {Ekuiper.Domain.Ruleset.Validation.RuleEntryValidator.Validate(string.Empty, request.Json).Error}");
        }
        // Without an id the import check reports eKuiper's "Missing rule id.".
        var key = id ?? string.Empty;
        await entries.WriteAsync(
            RulesetSection.Rules,
            key,
            request.Json,
            snapshot =>
            {
                if (snapshot.RuleVersions.ContainsKey(key))
                {
                    throw new InvalidRequestException($"rule {key} already exists");
                }
            },
            "invalid rule json", cancellationToken);
        return $"Rule {key} was created successfully.";
    }
}
