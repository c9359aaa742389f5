using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Ruleset;
using MediatR;

namespace Ekuiper.Application.Connections.Queries.GetConnections;

/// <summary>
/// GET /connections: every stored connection, as a JSON array of eKuiper's connection objects, sorted by id
/// (eKuiper lists its pool in map order). ?forceAll=true adds eKuiper's anonymous connections of running rules, of
/// which this server has none.
/// </summary>
public sealed record GetConnections : IRequest<string>;

public sealed class GetConnectionsHandler(IEkuiperDbContext db) : IRequestHandler<GetConnections, string>
{
    public async Task<string> Handle(GetConnections request, CancellationToken cancellationToken)
    {
        var all = await StoredConnections.AllAsync(db, cancellationToken);
        // A name held under two types is one connection to eKuiper's pool: the first type in byte order is shown.
        var shown = all.GroupBy(k => k.Name, StringComparer.Ordinal).Select(g => g.First()).ToList();
        return JsonText.Write(writer =>
        {
            writer.WriteStartArray();
            foreach (var connection in shown)
            {
                StoredConnections.Write(writer, connection);
            }
            writer.WriteEndArray();
        });
    }
}
