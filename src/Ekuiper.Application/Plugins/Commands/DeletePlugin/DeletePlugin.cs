using Ekuiper.Application.Artifacts;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Store;
using Ekuiper.Domain.Definitions;
using MediatR;

namespace Ekuiper.Application.Plugins.Commands.DeletePlugin;

/// <summary>
/// DELETE /plugins/{kind}/{name}[?stop=1]. Refused while a stored rule uses the plugin (<see cref="PluginUsage"/>). The
/// installed files go when the store no longer holds the row (<c>ArtifactMaterialiser</c>). With
/// <paramref name="Stop"/> (a native plugin's stop=1) the server stops about a second after the commit, as eKuiper does.
/// </summary>
/// <returns>eKuiper's answer, e.g. "sources plugin random is deleted and eKuiper must restart for the change to take effect.".</returns>
public sealed record DeletePlugin(string PluginKind, string Name, bool Stop = false) : IRequest<string>, IStoreWrite;

public sealed class DeletePluginHandler(IEkuiperDbContext db, StoreWriteUnit unit, IFunctionCatalogue catalogue, IApplicationStopper stopper)
    : IRequestHandler<DeletePlugin, string>
{
    public async Task<string> Handle(DeletePlugin request, CancellationToken cancellationToken)
    {
        var kind = PluginKind.Of(request.PluginKind);
        if (!kind.IsPortable)
        {
            PluginBody.RequireValidName(request.Name);
        }
        var prefix = $"delete {kind.Noun} plugin {request.Name} error";
        var key = kind.KeyOf(request.Name);
        var stored = await StoredArtifacts.FindAsync(db, kind.ArtifactKind, key, cancellationToken);
        if (stored is null)
        {
            throw kind.IsPortable
                ? new InvalidRequestException($"{prefix}: portable plugin {request.Name} is not found")
                : new NotFoundException($"{prefix}: invalid name {request.Name}: not exist");
        }
        await PluginUsage.RefuseIfUsedAsync(db, catalogue, stored, request.Name, prefix, cancellationToken);
        await db.Artifacts.Where(a => a.Kind == kind.ArtifactKind && a.Key == key)
            .DeleteAsync(unit, () => new NotFoundException($"{prefix}: invalid name {request.Name}: not exist"), cancellationToken);
        if (kind.IsPortable)
        {
            return $"portable plugin {request.Name} is deleted";
        }
        if (request.Stop)
        {
            unit.AfterCommit(stopper.StopSoon);
            return $"{kind.Noun} plugin {request.Name} is deleted and eKuiper will be stopped";
        }
        return $"{kind.Noun} plugin {request.Name} is deleted and eKuiper must restart for the change to take effect.";
    }
}
