using Ekuiper.Application.Common.Validation;
using FluentValidation;

namespace Ekuiper.Application.Artifacts.Queries.GetScript;

public sealed class GetScriptValidator : AbstractValidator<GetScript>
{
    public GetScriptValidator() => RuleFor(r => r.Id).MustBeEkuiperId();
}
