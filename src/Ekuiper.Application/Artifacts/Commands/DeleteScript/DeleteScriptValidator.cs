using Ekuiper.Application.Common.Validation;
using FluentValidation;

namespace Ekuiper.Application.Artifacts.Commands.DeleteScript;

public sealed class DeleteScriptValidator : AbstractValidator<DeleteScript>
{
    public DeleteScriptValidator() => RuleFor(r => r.Id).MustBeEkuiperId();
}
