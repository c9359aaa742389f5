using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Artifacts;

/// <summary>
/// Reads the stored artifact definitions. The artifact endpoints only keep these rows (and upload files); installing
/// what a definition points at is the artifact installer's job, plugged in behind the same rows.
/// </summary>
internal static class StoredArtifacts
{
    /// <summary>The keys of one kind, sorted.</summary>
    public static async Task<List<string>> KeysAsync(IEkuiperDbContext db, ArtifactKind kind, CancellationToken cancellationToken)
    {
        var keys = await db.Artifacts.AsNoTracking().Where(a => a.Kind == kind).Select(a => a.Key).ToListAsync(cancellationToken);
        return keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
    }

    public static Task<ArtifactDefinition?> FindAsync(IEkuiperDbContext db, ArtifactKind kind, string key, CancellationToken cancellationToken) =>
        db.Artifacts.AsNoTracking().FirstOrDefaultAsync(a => a.Kind == kind && a.Key == key, cancellationToken);
}
