using Ekuiper.Application.Common.Validation;
using FluentValidation;

namespace Ekuiper.Application.Connections.Commands.DeleteConnection;

public sealed class DeleteConnectionValidator : AbstractValidator<DeleteConnection>
{
    public DeleteConnectionValidator() => RuleFor(r => r.Id).MustBeEkuiperId();
}
