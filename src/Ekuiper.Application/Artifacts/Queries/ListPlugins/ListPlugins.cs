using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset.Validation;
using MediatR;

namespace Ekuiper.Application.Artifacts.Queries.ListPlugins;

/// <summary>GET /plugins/{sources|sinks|functions}: the names of the native plugins of that kind, sorted.</summary>
public sealed record ListPlugins(string PluginKind) : IRequest<IReadOnlyList<string>>;

public sealed class ListPluginsHandler(IEkuiperDbContext db) : IRequestHandler<ListPlugins, IReadOnlyList<string>>
{
    public async Task<IReadOnlyList<string>> Handle(ListPlugins request, CancellationToken cancellationToken)
    {
        var keys = await StoredArtifacts.KeysAsync(db, ArtifactKind.NativePlugin, cancellationToken);
        // Native plugins are stored under "sources_random"-style keys.
        return keys
            .Select(key => ArtifactEntryValidator.TrySplitPluginKey(key, out var kind, out var name) ? (kind, name) : (kind: "", name: ""))
            .Where(plugin => plugin.kind == request.PluginKind)
            .Select(plugin => plugin.name)
            .ToList();
    }
}
