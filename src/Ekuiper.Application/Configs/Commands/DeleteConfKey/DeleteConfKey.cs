using Ekuiper.Application.Store;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Configs.Commands.DeleteConfKey;

/// <summary>DELETE /metadata/{sources|sinks|connections}/{type}/confKeys/{key}.</summary>
public sealed record DeleteConfKey(ConfigCategory Category, string PluginType, string Key) : IRequest<Unit>, IStoreWrite;

public sealed class DeleteConfKeyHandler(IEkuiperDbContext db, StoreWriteUnit unit) : IRequestHandler<DeleteConfKey, Unit>
{
    public async Task<Unit> Handle(DeleteConfKey request, CancellationToken cancellationToken)
    {
        await db.ConfigKeys
            .Where(k => k.Category == request.Category && k.PluginType == request.PluginType && k.Name == request.Key)
            .DeleteAsync(unit, () => new NotFoundException(ConfKeys.NotFound(request.Category, request.PluginType, request.Key)), cancellationToken);
        return Unit.Value;
    }
}
