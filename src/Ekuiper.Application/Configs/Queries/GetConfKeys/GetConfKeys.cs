using System.Text.Json;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Configs.Queries.GetConfKeys;

/// <summary>
/// GET /metadata/{sources|sinks|connections}/yaml/{type}: every conf key of the type, as a JSON object of key →
/// properties, secrets masked (<see cref="SecretProperties"/>).
/// </summary>
public sealed record GetConfKeys(ConfigCategory Category, string PluginType) : IRequest<string>;

public sealed class GetConfKeysHandler(IEkuiperDbContext db) : IRequestHandler<GetConfKeys, string>
{
    public async Task<string> Handle(GetConfKeys request, CancellationToken cancellationToken)
    {
        var keys = await db.ConfigKeys.AsNoTracking()
            .Where(k => k.Category == request.Category && k.PluginType == request.PluginType)
            .ToListAsync(cancellationToken);
        if (keys.Count == 0)
        {
            throw new NotFoundException($"no conf keys found for {ConfigCategories.Qualified(request.Category, request.PluginType)}");
        }
        return JsonText.Write(writer =>
        {
            writer.WriteStartObject();
            foreach (var key in keys.OrderBy(k => k.Name, StringComparer.Ordinal))
            {
                writer.WritePropertyName(key.Name);
                using var properties = JsonDocument.Parse(key.PropertiesJson);
                SecretProperties.WriteHidden(writer, properties.RootElement);
            }
            writer.WriteEndObject();
        });
    }
}
