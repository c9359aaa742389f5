using Ekuiper.Application.Backups;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Store;

/// <summary>
/// The store's artifact bytes (<see cref="ArtifactBlob"/>), written in the transaction of the write that refers to
/// them. Blobs are not what the revision counts: writing one, or dropping one nobody refers to any more, never
/// changes it — the rows that refer to them do.
/// </summary>
public static class ArtifactBlobs
{
    /// <summary>Inserts the blobs the store does not hold yet; a blob already stored is the same bytes (same SHA-256).</summary>
    public static async Task WriteMissingAsync(IEkuiperDbContext db, IEnumerable<ArtifactBlob> blobs, CancellationToken cancellationToken)
    {
        var wanted = blobs.DistinctBy(b => b.Sha256).ToList();
        if (wanted.Count == 0)
        {
            return;
        }
        var keys = wanted.Select(b => b.Sha256).ToList();
        var stored = (await db.ArtifactBlobs.Where(b => keys.Contains(b.Sha256)).Select(b => b.Sha256).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var missing = wanted.Where(b => !stored.Contains(b.Sha256)).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        db.ArtifactBlobs.AddRange(missing);
        await db.SaveChangesAsync(cancellationToken);
        db.ClearTracked();
    }

    /// <summary>
    /// Deletes the blobs nothing refers to any more: no artifact row, no uploaded file, no backup. Called by each
    /// write that can drop a reference, after it did (and after backups were pruned), in its own transaction.
    /// </summary>
    /// <returns>How many blobs went.</returns>
    public static async Task<int> CollectAsync(IEkuiperDbContext db, CancellationToken cancellationToken)
    {
        var blobs = await db.ArtifactBlobs.Select(b => b.Sha256).ToListAsync(cancellationToken);
        if (blobs.Count == 0)
        {
            return 0;
        }
        var referenced = (await db.Artifacts.Where(a => a.Sha256 != null).Select(a => a.Sha256!).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        referenced.UnionWith(await db.UploadedFiles.Select(u => u.Sha256).ToListAsync(cancellationToken));
        foreach (var carried in await db.Backups.Where(b => b.ArtifactsJson != null).Select(b => b.ArtifactsJson).ToListAsync(cancellationToken))
        {
            referenced.UnionWith(BackupArtifacts.Read(carried).Select(a => a.Sha256).OfType<string>());
        }
        var unreferenced = blobs.Where(sha => !referenced.Contains(sha)).ToList();
        return unreferenced.Count == 0
            ? 0
            : await db.ArtifactBlobs.Where(b => unreferenced.Contains(b.Sha256)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The bundles <paramref name="staging"/> made for <paramref name="artifacts"/>, as blobs to write.</summary>
    public static IEnumerable<ArtifactBlob> BundlesOf(IArtifactStaging staging, IEnumerable<ArtifactDefinition> artifacts) =>
        artifacts
            .Where(a => a.Kind != ArtifactKind.Script && a.Sha256 is not null)
            .Select(a => staging.BundleOf(a.Sha256!) is { } bundle ? new ArtifactBlob { Sha256 = a.Sha256!, Content = bundle } : null)
            .OfType<ArtifactBlob>();
}
