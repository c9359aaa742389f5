using Ekuiper.Application.Common.Validation;
using FluentValidation;

namespace Ekuiper.Application.Connections.Queries.GetConnection;

public sealed class GetConnectionValidator : AbstractValidator<GetConnection>
{
    public GetConnectionValidator() => RuleFor(r => r.Id).MustBeEkuiperId();
}
