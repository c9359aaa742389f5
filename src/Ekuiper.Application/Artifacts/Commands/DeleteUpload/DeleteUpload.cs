using Ekuiper.Application.Store;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset.Validation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Artifacts.Commands.DeleteUpload;

/// <summary>
/// DELETE /config/uploads/{name}: removes the file (a name a/b/c.txt in a sub-folder; the folders it leaves empty go
/// too), its record for the export (an imported or JSON upload) and the posted file's row, whose blob then goes
/// unless something else holds the same bytes.
/// </summary>
/// <returns>eKuiper's answer, "ok".</returns>
public sealed record DeleteUpload(string Name) : IRequest<string>, IStoreWrite;

public sealed class DeleteUploadHandler(IEkuiperDbContext db, IUploadStore uploads, StoreWriteUnit unit) : IRequestHandler<DeleteUpload, string>
{
    public async Task<string> Handle(DeleteUpload request, CancellationToken cancellationToken)
    {
        var name = UploadNames.Normalise(request.Name);
        if ((UploadNames.Check(name) ?? FolderRefusal(name) ?? uploads.Refusal(name)) is { } invalid)
        {
            throw new InvalidRequestException($"Error deleting the file: {invalid}");
        }
        var recorded = await db.Artifacts
            .Where(a => a.Kind == ArtifactKind.Upload && a.Key == name)
            .ExecuteDeleteAsync(cancellationToken);
        // Only the record is part of the store (and its export); a file alone changes no revision.
        unit.Changed(recorded);
        var posted = await db.UploadedFiles.Where(u => u.Name == name).ExecuteDeleteAsync(cancellationToken);
        if (recorded == 0 && posted == 0 && !uploads.Exists(name))
        {
            throw new NotFoundException($"Error deleting the file: upload {name} is not found");
        }
        await ArtifactBlobs.CollectAsync(db, cancellationToken);
        // The file goes once the record's removal has committed, and the folders it leaves empty with it.
        unit.AfterCommit(() => uploads.Delete(name));
        return "ok";
    }

    /// <summary>A folder of the uploads is not an upload: its files are deleted by their own names.</summary>
    private string? FolderRefusal(string name) =>
        uploads.IsFolder(name) ? $"{name} is a folder of the uploads; delete the files in it by their names ({name}/…)" : null;
}
