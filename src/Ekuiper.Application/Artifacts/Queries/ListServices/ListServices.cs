using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using MediatR;

namespace Ekuiper.Application.Artifacts.Queries.ListServices;

/// <summary>GET /services: the names of the external services, sorted.</summary>
public sealed record ListServices : IRequest<IReadOnlyList<string>>;

public sealed class ListServicesHandler(IEkuiperDbContext db) : IRequestHandler<ListServices, IReadOnlyList<string>>
{
    public async Task<IReadOnlyList<string>> Handle(ListServices request, CancellationToken cancellationToken) =>
        await StoredArtifacts.KeysAsync(db, ArtifactKind.Service, cancellationToken);
}
