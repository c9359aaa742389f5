using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Sql;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Streams.Queries.GetStreamSchema;

/// <summary>
/// GET /streams/{name}/schema and GET /tables/{name}/schema: the declared fields as eKuiper's JSON schema
/// (<see cref="StreamDescriber.JsonSchema"/>); the answer is JSON text.
/// </summary>
public sealed record GetStreamSchema(StreamKind Kind, string Name) : IRequest<string>;

/// <summary>eKuiper's stream/table error (code 3000), as its schema endpoint answers a missing one.</summary>
public sealed class StreamTableException(string message) : EkuiperException(3000, message);

public sealed class GetStreamSchemaHandler(IEkuiperDbContext db) : IRequestHandler<GetStreamSchema, string>
{
    public async Task<string> Handle(GetStreamSchema request, CancellationToken cancellationToken)
    {
        var word = StreamWords.Lower(request.Kind);
        var stored = await db.Streams.AsNoTracking().FirstOrDefaultAsync(s => s.Name == request.Name, cancellationToken);
        if (stored is null || stored.Kind != request.Kind)
        {
            // eKuiper: "<name> is not found" when nothing has the name, "<kind> <name> is not found" when the other kind has it.
            var missing = stored is null ? $"{request.Name} is not found" : StreamWords.NotFound(request.Kind, request.Name);
            throw new StreamTableException($"get schema of {word} error: Describe {word} fails, {missing}.");
        }
        return StreamDescriber.JsonSchema(StoredStreams.Parse(stored));
    }
}
