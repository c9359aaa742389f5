using Ekuiper.Application.Store;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset.Validation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Artifacts.Commands.DeleteUpload;

/// <summary>
/// DELETE /config/uploads/{name}: removes the file, its record for the export (an imported or JSON upload) and the
/// posted file's row, whose blob then goes unless something else holds the same bytes.
/// </summary>
/// <returns>eKuiper's answer, "ok".</returns>
public sealed record DeleteUpload(string Name) : IRequest<string>, IStoreWrite;

public sealed class DeleteUploadHandler(IEkuiperDbContext db, IUploadStore uploads, StoreWriteUnit unit) : IRequestHandler<DeleteUpload, string>
{
    public async Task<string> Handle(DeleteUpload request, CancellationToken cancellationToken)
    {
        if (UploadNames.Check(request.Name) is { } invalid)
        {
            throw new InvalidRequestException($"Error deleting the file: {invalid}");
        }
        var recorded = await db.Artifacts
            .Where(a => a.Kind == ArtifactKind.Upload && a.Key == request.Name)
            .ExecuteDeleteAsync(cancellationToken);
        // Only the record is part of the store (and its export); a file alone changes no revision.
        unit.Changed(recorded);
        var posted = await db.UploadedFiles.Where(u => u.Name == request.Name).ExecuteDeleteAsync(cancellationToken);
        if (recorded == 0 && posted == 0 && !uploads.Exists(request.Name))
        {
            throw new NotFoundException($"Error deleting the file: upload {request.Name} is not found");
        }
        await ArtifactBlobs.CollectAsync(db, cancellationToken);
        // The file goes once the record's removal has committed.
        unit.AfterCommit(() => uploads.Delete(request.Name));
        return "ok";
    }
}
