using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Ruleset;
using MediatR;

namespace Ekuiper.Application.Connections.Queries.GetConnection;

/// <summary>GET /connections/{id}: the stored connection as eKuiper answers it; "connection {id} not existed" (400).</summary>
public sealed record GetConnection(string Id) : IRequest<string>;

public sealed class GetConnectionHandler(IEkuiperDbContext db) : IRequestHandler<GetConnection, string>
{
    public async Task<string> Handle(GetConnection request, CancellationToken cancellationToken)
    {
        var stored = await StoredConnections.FindAsync(db, request.Id, cancellationToken)
                     ?? throw new InvalidRequestException(StoredConnections.NotExisted(request.Id));
        return JsonText.Write(writer => StoredConnections.Write(writer, stored));
    }
}
