using AutoMapper;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Artifacts.Queries.ListPortablePlugins;

/// <summary>GET /plugins/portables: the portable plugins, sorted by name.</summary>
public sealed record ListPortablePlugins : IRequest<IReadOnlyList<PortablePluginDto>>;

public sealed class ListPortablePluginsHandler(IEkuiperDbContext db, IMapper mapper)
    : IRequestHandler<ListPortablePlugins, IReadOnlyList<PortablePluginDto>>
{
    public async Task<IReadOnlyList<PortablePluginDto>> Handle(ListPortablePlugins request, CancellationToken cancellationToken)
    {
        // Projected: only the key column is read, not the stored entries and hashes.
        var plugins = await mapper.ProjectTo<PortablePluginDto>(db.Artifacts.AsNoTracking().Where(a => a.Kind == ArtifactKind.PortablePlugin))
            .ToListAsync(cancellationToken);
        return plugins.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }
}
