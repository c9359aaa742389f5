using Ekuiper.Application.Common.Validation;
using FluentValidation;

namespace Ekuiper.Application.Connections.Commands.UpdateConnection;

public sealed class UpdateConnectionValidator : AbstractValidator<UpdateConnection>
{
    public UpdateConnectionValidator() => RuleFor(r => r.Id).MustBeEkuiperId();
}
