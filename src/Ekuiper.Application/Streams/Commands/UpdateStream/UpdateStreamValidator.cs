using Ekuiper.Application.Common.Validation;
using FluentValidation;

namespace Ekuiper.Application.Streams.Commands.UpdateStream;

public sealed class UpdateStreamValidator : AbstractValidator<UpdateStream>
{
    public UpdateStreamValidator()
    {
        ClassLevelCascadeMode = CascadeMode.Stop;
        RuleFor(r => r.Name).MustBeEkuiperId();
        RuleFor(r => r.Sql).MustBeGiven("sql");
    }
}
