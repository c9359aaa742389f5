using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Store;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Domain.Ruleset.Validation;
using MediatR;

namespace Ekuiper.Application.Connections.Commands.CreateConnection;

/// <summary>
/// POST /connections with {"id","typ","props"}: stores the named connection as the conf key connections.{typ}.{id},
/// i.e. the connectionConfig entry {typ: {id: props}}, so exports and imports carry it. Answers eKuiper's "success".
/// </summary>
public sealed record CreateConnection(string Body) : IRequest<string>, IStoreWrite;

public sealed class CreateConnectionHandler(IEkuiperDbContext db, SingleEntryImport entries) : IRequestHandler<CreateConnection, string>
{
    private const string Prefix = "create connection failed";

    public async Task<string> Handle(CreateConnection request, CancellationToken cancellationToken)
    {
        // In eKuiper's order: the body, the id (its words, no prefix), the type, a taken id (by id alone, whatever the type).
        var body = ConnectionBody.Parse(request.Body);
        if (Identifiers.Check(body.Id) is { } invalid)
        {
            throw new InvalidRequestException(invalid);
        }
        if (body.Typ.Length == 0)
        {
            throw new InvalidRequestException($"{Prefix}: connection id and type should be defined");
        }
        if (await StoredConnections.FindAsync(db, body.Id, cancellationToken) is not null)
        {
            throw new InvalidRequestException($"{Prefix}: connection {body.Id} already been created");
        }
        await entries.WriteAsync(RulesetSection.ConnectionConfig, body.Typ, ConnectionEntry.Of(body.Id, body.PropsJson),
            null, Prefix, cancellationToken);
        return ConnectionEntry.Success;
    }
}
