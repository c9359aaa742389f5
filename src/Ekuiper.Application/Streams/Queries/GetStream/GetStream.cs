using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Common.Queries;
using Ekuiper.Domain.Sql;
using MediatR;

namespace Ekuiper.Application.Streams.Queries.GetStream;

/// <summary>GET /streams/{name} and GET /tables/{name}: the statement described as eKuiper describes it.</summary>
public sealed record GetStream(StreamKind Kind, string Name) : IRequest<StreamDescriptionDto>;

public sealed class GetStreamHandler(IEkuiperDbContext db) : IRequestHandler<GetStream, StreamDescriptionDto>
{
    public async Task<StreamDescriptionDto> Handle(GetStream request, CancellationToken cancellationToken)
    {
        var stored = await HotReads.Stream(db.Context, request.Name, request.Kind, cancellationToken)
            ?? throw new StreamTableException(
                $"describe {StreamWords.Lower(request.Kind)} error: Describe {StreamWords.Lower(request.Kind)} fails, {StreamWords.NotFound(request.Kind, request.Name)}.");
        return StreamDescriber.Describe(StoredStreams.Parse(stored));
    }
}
