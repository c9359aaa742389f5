using Ekuiper.Application.Store;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Rules;
using Ekuiper.Domain.Sql;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Streams.Commands.DeleteStream;

/// <summary>
/// DELETE /streams/{name} and DELETE /tables/{name}. Refused while a rule reads it, unless <paramref name="Force"/>
/// (eKuiper's ?force=true).
/// </summary>
/// <returns>eKuiper's answer, e.g. "Stream demo is dropped."</returns>
public sealed record DeleteStream(StreamKind Kind, string Name, bool Force = false) : IRequest<string>, IStoreWrite;

public sealed class DeleteStreamHandler(IEkuiperDbContext db, StoreWriteUnit unit) : IRequestHandler<DeleteStream, string>
{
    public async Task<string> Handle(DeleteStream request, CancellationToken cancellationToken)
    {
        var word = StreamWords.Lower(request.Kind);
        // Deleted first and checked after: a refusal throws, and the store write takes the delete back.
        await db.Streams.Where(s => s.Name == request.Name && s.Kind == request.Kind)
            .DeleteAsync(unit, () => new NotFoundException($"delete {word} error: {StreamWords.NotFound(request.Kind, request.Name)}"), cancellationToken);
        if (!request.Force && await RuleStreamReferences.RulesReadingAsync(db, request.Name, cancellationToken) is { Count: > 0 } readers)
        {
            throw new InvalidRequestException(
                $"{word} {request.Name} has been referenced by other rules: {string.Join(", ", readers)}");
        }
        return $"{StreamWords.Title(request.Kind)} {request.Name} is dropped.";
    }
}
