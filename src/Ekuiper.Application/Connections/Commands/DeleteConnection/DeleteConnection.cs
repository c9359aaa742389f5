using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Store;
using Ekuiper.Domain.Definitions;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Connections.Commands.DeleteConnection;

/// <summary>
/// DELETE /connections/{id}: drops the stored connection; refused while stored rules or streams use it. An unknown id
/// is answered "success" and changes nothing, as eKuiper answers it.
/// </summary>
public sealed record DeleteConnection(string Id) : IRequest<string>, IStoreWrite;

public sealed class DeleteConnectionHandler(IEkuiperDbContext db, StoreWriteUnit unit) : IRequestHandler<DeleteConnection, string>
{
    public async Task<string> Handle(DeleteConnection request, CancellationToken cancellationToken)
    {
        if (await StoredConnections.FindAsync(db, request.Id, cancellationToken) is not { } stored)
        {
            return ConnectionEntry.Success;
        }
        await StoredConnections.RefuseIfReferencedAsync(db, stored, "drop connection failed", cancellationToken);
        var deleted = await db.ConfigKeys
            .Where(k => k.Category == ConfigCategory.Connection && k.PluginType == stored.PluginType && k.Name == stored.Name)
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            unit.Changed();
        }
        return ConnectionEntry.Success;
    }
}
