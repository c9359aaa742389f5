using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using MediatR;

namespace Ekuiper.Application.Artifacts.Queries.ListScripts;

/// <summary>GET /udf/javascript: the ids of the JavaScript functions, sorted.</summary>
public sealed record ListScripts : IRequest<IReadOnlyList<string>>;

public sealed class ListScriptsHandler(IEkuiperDbContext db) : IRequestHandler<ListScripts, IReadOnlyList<string>>
{
    public async Task<IReadOnlyList<string>> Handle(ListScripts request, CancellationToken cancellationToken) =>
        await StoredArtifacts.KeysAsync(db, ArtifactKind.Script, cancellationToken);
}
