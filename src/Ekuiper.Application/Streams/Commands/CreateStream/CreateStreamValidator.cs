using Ekuiper.Application.Common.Validation;
using FluentValidation;

namespace Ekuiper.Application.Streams.Commands.CreateStream;

public sealed class CreateStreamValidator : AbstractValidator<CreateStream>
{
    public CreateStreamValidator() => RuleFor(r => r.Sql).MustBeGiven("sql");
}
