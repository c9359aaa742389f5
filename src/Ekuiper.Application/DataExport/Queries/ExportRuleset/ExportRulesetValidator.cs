using FluentValidation;

namespace Ekuiper.Application.DataExport.Queries.ExportRuleset;

/// <summary>A chosen-rules export names at least one rule, each by a non-empty id.</summary>
public sealed class ExportRulesetValidator : AbstractValidator<ExportRuleset>
{
    public ExportRulesetValidator()
    {
        When(r => r.RuleIds is not null, () =>
            RuleFor(r => r.RuleIds!)
                .Must(ids => ids.Count > 0).WithMessage("Invalid body: give a JSON array of rule ids, e.g. [\"rule1\"]")
                .Must(ids => ids.All(id => !string.IsNullOrWhiteSpace(id))).WithMessage("Invalid body: rule ids must be non-empty strings"));
    }
}
