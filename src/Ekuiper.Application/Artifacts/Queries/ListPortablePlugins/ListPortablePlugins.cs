using Ekuiper.Application.Common.Interfaces;
using MediatR;

namespace Ekuiper.Application.Artifacts.Queries.ListPortablePlugins;

/// <summary>
/// GET /plugins/portables: every portable plugin's PluginInfo as eKuiper marshals its registry's list (see
/// <see cref="PortablePluginAnswer"/>), sorted by name (eKuiper's order is that of a Go map).
/// </summary>
/// <returns>The JSON array, as text.</returns>
public sealed record ListPortablePlugins : IRequest<string>;

public sealed class ListPortablePluginsHandler(IFunctionCatalogue catalogue, IArtifactInstaller installed)
    : IRequestHandler<ListPortablePlugins, string>
{
    public async Task<string> Handle(ListPortablePlugins request, CancellationToken cancellationToken)
    {
        var plugins = await catalogue.PortablePluginsAsync(cancellationToken);
        return "[" + string.Join(",", plugins.Select(plugin => PortablePluginAnswer.Write(plugin, installed))) + "]";
    }
}
