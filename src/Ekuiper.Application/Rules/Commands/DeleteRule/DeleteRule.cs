using Ekuiper.Application.Store;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Rules.Commands.DeleteRule;

/// <summary>DELETE /rules/{id}.</summary>
/// <returns>eKuiper's answer, e.g. "Rule rule1 is dropped."</returns>
public sealed record DeleteRule(string Id) : IRequest<string>, IStoreWrite;

public sealed class DeleteRuleHandler(IEkuiperDbContext db, StoreWriteUnit unit) : IRequestHandler<DeleteRule, string>
{
    public async Task<string> Handle(DeleteRule request, CancellationToken cancellationToken)
    {
        await db.Rules.Where(r => r.Id == request.Id)
            .DeleteAsync(unit, () => new InvalidRequestException($"Delete rule error: rule {request.Id} not found"), cancellationToken);
        return $"Rule {request.Id} is dropped.";
    }
}
