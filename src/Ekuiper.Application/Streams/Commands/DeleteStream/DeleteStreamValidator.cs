using Ekuiper.Application.Common.Validation;
using FluentValidation;

namespace Ekuiper.Application.Streams.Commands.DeleteStream;

public sealed class DeleteStreamValidator : AbstractValidator<DeleteStream>
{
    public DeleteStreamValidator() => RuleFor(r => r.Name).MustBeEkuiperId();
}
