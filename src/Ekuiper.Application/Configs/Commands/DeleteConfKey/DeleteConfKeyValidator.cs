using Ekuiper.Application.Common.Validation;
using FluentValidation;

namespace Ekuiper.Application.Configs.Commands.DeleteConfKey;

public sealed class DeleteConfKeyValidator : AbstractValidator<DeleteConfKey>
{
    public DeleteConfKeyValidator() => RuleFor(r => r.Key).MustBeEkuiperId("Invalid confKey");
}
