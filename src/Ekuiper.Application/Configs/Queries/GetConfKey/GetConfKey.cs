using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using MediatR;

namespace Ekuiper.Application.Configs.Queries.GetConfKey;

/// <summary>
/// GET /metadata/{sources|sinks|connections}/{type}/confKeys/{key}: the key's properties as
/// GET …/yaml/{type} shows them (<see cref="ConfKeyView"/>: built-in and stored, values as stored).
/// </summary>
public sealed record GetConfKey(ConfigCategory Category, string PluginType, string Key) : IRequest<string>;

public sealed class GetConfKeyHandler(IEkuiperDbContext db) : IRequestHandler<GetConfKey, string>
{
    public async Task<string> Handle(GetConfKey request, CancellationToken cancellationToken) =>
        (await ConfKeyView.LoadAsync(db, request.Category, request.PluginType, cancellationToken)).WriteKey(request.Key)
        ?? throw new NotFoundException(ConfKeys.NotFound(request.Category, request.PluginType, request.Key));
}
