using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using MediatR;

namespace Ekuiper.Application.Artifacts.Queries.GetPortablePlugin;

/// <summary>GET /plugins/portables/{name}: the plugin's PluginInfo as eKuiper marshals it (<see cref="PortablePluginAnswer"/>).</summary>
/// <returns>The JSON object, as text.</returns>
public sealed record GetPortablePlugin(string Name) : IRequest<string>;

public sealed class GetPortablePluginHandler(IFunctionCatalogue catalogue, IArtifactInstaller installed)
    : IRequestHandler<GetPortablePlugin, string>
{
    public async Task<string> Handle(GetPortablePlugin request, CancellationToken cancellationToken)
    {
        var plugins = await catalogue.PortablePluginsAsync(cancellationToken);
        var plugin = plugins.FirstOrDefault(p => p.Name == request.Name)
                     ?? throw new NotFoundException($"describe portable plugin {request.Name} error: not found");
        return PortablePluginAnswer.Write(plugin, installed);
    }
}
