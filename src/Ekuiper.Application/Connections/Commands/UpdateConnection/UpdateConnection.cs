using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Store;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Connections.Commands.UpdateConnection;

/// <summary>
/// PUT /connections/{id} with {"typ","props"} (a body id is ignored, as eKuiper ignores it): replaces the stored
/// connection, under its new type when the type changes. Refused while stored rules or streams use it.
/// </summary>
public sealed record UpdateConnection(string Id, string Body) : IRequest<string>, IStoreWrite;

public sealed class UpdateConnectionHandler(IEkuiperDbContext db, StoreWriteUnit unit, SingleEntryImport entries)
    : IRequestHandler<UpdateConnection, string>
{
    private const string Prefix = "update connection failed";

    public async Task<string> Handle(UpdateConnection request, CancellationToken cancellationToken)
    {
        var body = ConnectionBody.Parse(request.Body);
        if (body.Typ.Length == 0)
        {
            throw new InvalidRequestException($"{Prefix}: connection id and type should be defined");
        }
        var stored = await StoredConnections.FindAsync(db, request.Id, cancellationToken)
                     ?? throw new InvalidRequestException($"{Prefix}: {StoredConnections.NotExisted(request.Id)}");
        await StoredConnections.RefuseIfReferencedAsync(db, stored, Prefix, cancellationToken);
        if (stored.PluginType != body.Typ)
        {
            // eKuiper drops the connection and creates it anew: it moves to its new type. Should the write below be
            // refused, the behaviour rolls this delete back with it.
            await db.ConfigKeys
                .Where(k => k.Category == ConfigCategory.Connection && k.PluginType == stored.PluginType && k.Name == stored.Name)
                .DeleteAsync(unit, () => new InvalidRequestException($"{Prefix}: {StoredConnections.NotExisted(request.Id)}"), cancellationToken);
        }
        await entries.WriteAsync(RulesetSection.ConnectionConfig, body.Typ, ConnectionEntry.Of(request.Id, body.PropsJson),
            null, Prefix, cancellationToken);
        return ConnectionEntry.Success;
    }
}
