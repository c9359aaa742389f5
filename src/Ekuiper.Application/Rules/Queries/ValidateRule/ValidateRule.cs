using Ekuiper.Application.Common;
using Ekuiper.Application.Store;
using Ekuiper.Domain.Rules;
using Ekuiper.Domain.Ruleset;
using MediatR;

namespace Ekuiper.Application.Rules.Queries.ValidateRule;

/// <summary>
/// POST /rules/validate: whether the rule JSON would be accepted, and which streams it reads. Nothing is stored.
/// </summary>
public sealed record ValidateRule(string Json) : IRequest<RuleValidation>, IStoreWrite;

/// <summary>The rule is checked by the import's own checks, through <see cref="SingleEntryImport"/>, as a create is.</summary>
public sealed class ValidateRuleHandler(SingleEntryImport entries) : IRequestHandler<ValidateRule, RuleValidation>
{
    public async Task<RuleValidation> Handle(ValidateRule request, CancellationToken cancellationToken)
    {
        if (!JsonBody.TryReadString(request.Json, "id", out var id, out _))
        {
            return RuleValidation.Invalid(
                $"invalid rule json: {Ekuiper.Domain.Ruleset.Validation.RuleEntryValidator.Validate(string.Empty, request.Json).Error}");
        }
        var error = await entries.CheckAsync(RulesetSection.Rules, id ?? string.Empty, request.Json, cancellationToken);
        if (error is not null)
        {
            // eKuiper looks its sources up after the rule JSON passed, and says so in the store's words, unprefixed.
            if (RuleAnalysis.TryAnalyze(request.Json, out var read, out _)
                && read.Sources.FirstOrDefault(source => error == RuleChecker.MissingSource(source)) is { } missing)
            {
                return RuleValidation.Invalid($"{missing} is not found");
            }
            return RuleValidation.Invalid($"invalid rule json: {error}");
        }

        // The checks passed, so the rule parses and its sources exist: report them as eKuiper does.
        return RuleAnalysis.TryAnalyze(request.Json, out var dependencies, out _)
            ? new RuleValidation(true, dependencies.Sources, null)
            : new RuleValidation(true, [], null);
    }
}
