using AutoMapper;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Sql;
using MediatR;

namespace Ekuiper.Application.Streams.Queries.ListStreamDetails;

/// <summary>GET /streamdetails and GET /tabledetails: name, source type and format of each, sorted by name.</summary>
public sealed record ListStreamDetails(StreamKind Kind, string? TableKind = null) : IRequest<IReadOnlyList<StreamDetailDto>>;

public sealed class ListStreamDetailsHandler(IEkuiperDbContext db, IMapper mapper)
    : IRequestHandler<ListStreamDetails, IReadOnlyList<StreamDetailDto>>
{
    public async Task<IReadOnlyList<StreamDetailDto>> Handle(ListStreamDetails request, CancellationToken cancellationToken)
    {
        var stored = await StoredStreams.OfKindAsync(db, request.Kind, cancellationToken);
        return stored
            .Select(StoredStreams.Parse)
            .Where(statement => StoredStreams.MatchesTableKind(statement, request.TableKind))
            .Select(mapper.Map<StreamDetailDto>)
            .ToList();
    }
}
