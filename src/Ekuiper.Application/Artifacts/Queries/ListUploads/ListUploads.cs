using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset.Validation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Artifacts.Queries.ListUploads;

/// <summary>
/// GET /config/uploads: the absolute paths of the entries of the uploads folder, sorted, as eKuiper lists them: its
/// files and its sub-folders (a/b/c.txt is listed as the folder a). These are the entries of the uploads directory
/// and the uploads recorded by an import or a JSON upload, so an imported upload is listed even before it is installed,
/// and the files posted to this or another server on the same store.
/// </summary>
public sealed record ListUploads : IRequest<IReadOnlyList<string>>;

public sealed class ListUploadsHandler(IEkuiperDbContext db, IUploadStore uploads) : IRequestHandler<ListUploads, IReadOnlyList<string>>
{
    public async Task<IReadOnlyList<string>> Handle(ListUploads request, CancellationToken cancellationToken)
    {
        var recorded = await StoredArtifacts.KeysAsync(db, ArtifactKind.Upload, cancellationToken);
        var posted = await db.UploadedFiles.AsNoTracking().Select(u => u.Name).ToListAsync(cancellationToken);
        // eKuiper lists the folder's own entries: a/b/c.txt shows as the folder a.
        return uploads.ListNames()
            .Union(recorded.Select(UploadNames.TopLevel), StringComparer.Ordinal)
            .Union(posted.Select(UploadNames.TopLevel), StringComparer.Ordinal)
            .OrderBy(name => name, StringComparer.Ordinal)
            .Select(uploads.PathOf)
            .ToList();
    }
}
