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
        // As eKuiper orders it: a stream (or table) rules read is refused before its existence is checked, in the same
        // words for both ("stream … has been referenced by other rules").
        if (!request.Force && await RuleStreamReferences.RulesReadingAsync(db, request.Name, cancellationToken) is { Count: > 0 })
        {
            throw new InvalidRequestException($"stream {request.Name} has been referenced by other rules");
        }
        await db.Streams.Where(s => s.Name == request.Name && s.Kind == request.Kind)
            .DeleteAsync(unit, () => new NotFoundException($"delete {word} error: {StreamWords.NotFound(request.Kind, request.Name)}"), cancellationToken);
        return $"{StreamWords.Title(request.Kind)} {request.Name} is dropped.";
    }
}
