using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Sql;
using MediatR;

namespace Ekuiper.Application.Streams.Queries.ListStreams;

/// <summary>GET /streams and GET /tables: the names, sorted. <paramref name="TableKind"/> is the ?kind= filter of /tables.</summary>
public sealed record ListStreams(StreamKind Kind, string? TableKind = null) : IRequest<IReadOnlyList<string>>;

public sealed class ListStreamsHandler(IEkuiperDbContext db) : IRequestHandler<ListStreams, IReadOnlyList<string>>
{
    public async Task<IReadOnlyList<string>> Handle(ListStreams request, CancellationToken cancellationToken)
    {
        if (request.TableKind is null)
        {
            // Names only: no statement is read or parsed.
            return await StoredStreams.NamesOfKindAsync(db, request.Kind, cancellationToken);
        }
        var stored = await StoredStreams.OfKindAsync(db, request.Kind, cancellationToken);
        return stored
            .Where(s => request.TableKind is null || StoredStreams.MatchesTableKind(StoredStreams.Parse(s), request.TableKind))
            .Select(s => s.Name)
            .ToList();
    }
}
