using Ekuiper.Application.Common.Validation;
using FluentValidation;

namespace Ekuiper.Application.Rules.Commands.UpdateRule;

public sealed class UpdateRuleValidator : AbstractValidator<UpdateRule>
{
    public UpdateRuleValidator() => RuleFor(r => r.Id).MustBeEkuiperId();
}
