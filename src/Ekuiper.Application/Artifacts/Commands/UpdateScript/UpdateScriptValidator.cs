using Ekuiper.Application.Common.Validation;
using FluentValidation;

namespace Ekuiper.Application.Artifacts.Commands.UpdateScript;

public sealed class UpdateScriptValidator : AbstractValidator<UpdateScript>
{
    public UpdateScriptValidator() => RuleFor(r => r.Id).MustBeEkuiperId();
}
