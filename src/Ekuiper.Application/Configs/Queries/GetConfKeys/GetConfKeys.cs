using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using MediatR;

namespace Ekuiper.Application.Configs.Queries.GetConfKeys;

/// <summary>
/// GET /metadata/{sources|sinks|connections}/yaml/{type}: every conf key of the type, built-in and stored, as a JSON
/// object of key → properties, values as stored (<see cref="ConfKeyView"/>). A type eKuiper ships answers {} when
/// nothing is stored; any other type with nothing stored is not found.
/// </summary>
public sealed record GetConfKeys(ConfigCategory Category, string PluginType) : IRequest<string>;

public sealed class GetConfKeysHandler(IEkuiperDbContext db) : IRequestHandler<GetConfKeys, string>
{
    public async Task<string> Handle(GetConfKeys request, CancellationToken cancellationToken)
    {
        var view = await ConfKeyView.LoadAsync(db, request.Category, request.PluginType, cancellationToken);
        if (!view.Known)
        {
            throw new NotFoundException($"no conf keys found for {ConfigCategories.Qualified(request.Category, request.PluginType)}");
        }
        return view.WriteAll();
    }
}
