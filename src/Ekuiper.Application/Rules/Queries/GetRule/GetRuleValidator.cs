using Ekuiper.Application.Common.Validation;
using FluentValidation;

namespace Ekuiper.Application.Rules.Queries.GetRule;

public sealed class GetRuleValidator : AbstractValidator<GetRule>
{
    public GetRuleValidator() => RuleFor(r => r.Id).MustBeEkuiperId();
}
