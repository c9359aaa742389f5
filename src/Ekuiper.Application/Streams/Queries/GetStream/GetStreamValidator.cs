using Ekuiper.Application.Common.Validation;
using FluentValidation;

namespace Ekuiper.Application.Streams.Queries.GetStream;

public sealed class GetStreamValidator : AbstractValidator<GetStream>
{
    public GetStreamValidator() => RuleFor(r => r.Name).MustBeEkuiperId();
}
