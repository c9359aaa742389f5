using Ekuiper.Application.Common.Behaviours;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.DataImport;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset.Validation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Artifacts.Commands.DeleteUpload;

/// <summary>DELETE /config/uploads/{name}: removes the file and its record.</summary>
/// <returns>eKuiper's answer, "ok".</returns>
public sealed record DeleteUpload(string Name) : IRequest<string>, IStoreWrite;

public sealed class DeleteUploadHandler(IEkuiperDbContext db, IUploadStore uploads) : IRequestHandler<DeleteUpload, string>
{
    public async Task<string> Handle(DeleteUpload request, CancellationToken cancellationToken)
    {
        if (UploadNames.Check(request.Name) is { } invalid)
        {
            throw new InvalidRequestException($"Error deleting the file: {invalid}");
        }
        int recorded;
        await using (var transaction = await db.BeginTransactionAsync(cancellationToken))
        {
            recorded = await db.Artifacts
                .Where(a => a.Kind == ArtifactKind.Upload && a.Key == request.Name)
                .ExecuteDeleteAsync(cancellationToken);
            if (recorded > 0)
            {
                // Only the record is part of the store (and its export); a file alone changes no revision.
                await StoreRevision.BumpAsync(db, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        var removed = uploads.Delete(request.Name);
        if (recorded == 0 && !removed)
        {
            throw new NotFoundException($"Error deleting the file: upload {request.Name} is not found");
        }
        return "ok";
    }
}
