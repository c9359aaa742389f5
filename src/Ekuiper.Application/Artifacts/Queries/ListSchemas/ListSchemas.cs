using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset.Validation;
using MediatR;

namespace Ekuiper.Application.Artifacts.Queries.ListSchemas;

/// <summary>GET /schemas/{type}: the names of the schemas of a type (protobuf or custom), sorted.</summary>
public sealed record ListSchemas(string SchemaType) : IRequest<IReadOnlyList<string>>;

public sealed class ListSchemasHandler(IEkuiperDbContext db) : IRequestHandler<ListSchemas, IReadOnlyList<string>>
{
    public async Task<IReadOnlyList<string>> Handle(ListSchemas request, CancellationToken cancellationToken)
    {
        if (!ArtifactEntryValidator.SchemaTypes.Contains(request.SchemaType))
        {
            throw new NotFoundException($"schema type {request.SchemaType} not found");
        }
        // Schemas are stored under "protobuf_book"-style keys.
        var prefix = request.SchemaType + "_";
        var keys = await StoredArtifacts.KeysAsync(db, ArtifactKind.Schema, cancellationToken);
        return keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]).ToList();
    }
}
