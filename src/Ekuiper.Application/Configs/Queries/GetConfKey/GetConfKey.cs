using System.Text.Json;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Configs.Queries.GetConfKey;

/// <summary>GET /metadata/{sources|sinks|connections}/{type}/confKeys/{key}: the properties, secrets masked.</summary>
public sealed record GetConfKey(ConfigCategory Category, string PluginType, string Key) : IRequest<string>;

public sealed class GetConfKeyHandler(IEkuiperDbContext db) : IRequestHandler<GetConfKey, string>
{
    public async Task<string> Handle(GetConfKey request, CancellationToken cancellationToken)
    {
        var stored = await ConfKeys.FindAsync(db, request.Category, request.PluginType, request.Key, cancellationToken)
            ?? throw new NotFoundException(ConfKeys.NotFound(request.Category, request.PluginType, request.Key));
        using var properties = JsonDocument.Parse(stored.PropertiesJson);
        return JsonText.Write(writer => SecretProperties.WriteHidden(writer, properties.RootElement));
    }
}
