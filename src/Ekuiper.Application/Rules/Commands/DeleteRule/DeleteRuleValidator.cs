using Ekuiper.Application.Common.Validation;
using FluentValidation;

namespace Ekuiper.Application.Rules.Commands.DeleteRule;

public sealed class DeleteRuleValidator : AbstractValidator<DeleteRule>
{
    public DeleteRuleValidator() => RuleFor(r => r.Id).MustBeEkuiperId();
}
