using Ekuiper.Application.Artifacts.Commands.SaveSchema;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Store;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset.Validation;
using MediatR;

namespace Ekuiper.Application.Artifacts.Commands.DeleteSchema;

/// <summary>
/// DELETE /schemas/{type}/{name}. As in eKuiper, a stream whose SCHEMAID names the schema does not stop the delete.
/// The installed files go when the store no longer holds the row (<c>ArtifactMaterialiser</c>).
/// </summary>
/// <returns>eKuiper's answer, e.g. "protobuf schema book is deleted".</returns>
public sealed record DeleteSchema(string SchemaType, string Name) : IRequest<string>, IStoreWrite;

public sealed class DeleteSchemaHandler(IEkuiperDbContext db, StoreWriteUnit unit) : IRequestHandler<DeleteSchema, string>
{
    public async Task<string> Handle(DeleteSchema request, CancellationToken cancellationToken)
    {
        SchemaWrites.RequireValidName(request.Name);
        var prefix = $"delete {request.SchemaType} schema {request.Name} error";
        if (!ArtifactEntryValidator.SchemaTypes.Contains(request.SchemaType))
        {
            throw new InvalidRequestException($"{prefix}: schema type {request.SchemaType} not found");
        }
        var key = $"{request.SchemaType}_{request.Name}";
        await db.Artifacts.Where(a => a.Kind == ArtifactKind.Schema && a.Key == key)
            .DeleteAsync(unit, () => new InvalidRequestException($"{prefix}: schema {request.SchemaType}.{request.Name} not found"),
                cancellationToken);
        return $"{request.SchemaType} schema {request.Name} is deleted";
    }
}
