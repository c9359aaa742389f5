using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Artifacts.Queries.ListUploads;

/// <summary>
/// GET /config/uploads: the absolute paths of the uploaded files, sorted. These are the files in the uploads directory
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
        return uploads.ListNames()
            .Union(recorded, StringComparer.Ordinal)
            .Union(posted, StringComparer.Ordinal)
            .OrderBy(name => name, StringComparer.Ordinal)
            .Select(uploads.PathOf)
            .ToList();
    }
}
