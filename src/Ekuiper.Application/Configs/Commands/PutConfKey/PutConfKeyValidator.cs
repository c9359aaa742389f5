using Ekuiper.Application.Common.Validation;
using FluentValidation;

namespace Ekuiper.Application.Configs.Commands.PutConfKey;

public sealed class PutConfKeyValidator : AbstractValidator<PutConfKey>
{
    public PutConfKeyValidator() => RuleFor(r => r.Key).MustBeEkuiperId("Invalid confKey");
}
