using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Store;
using Ekuiper.Domain.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ekuiper.Infrastructure.Artifacts;

/// <summary>
/// Makes this node's <c>plugins</c>, <c>services</c>, <c>schemas</c> and <c>uploads</c> folders hold what the store
/// holds: every artifact row whose bundle is in the store (unpacked at its paths) and every posted upload. Several
/// servers share one PostgreSQL database, each with its own data directory; this is how the files one of them
/// imported reach the others. It runs at start, and whenever <see cref="ArtifactSyncService"/> sees the store change;
/// this node's own writes record what they promote in the <see cref="ArtifactManifest"/> as they commit, so the sync
/// that follows them touches nothing. Only what differs from the manifest is written (unpacked into a folder beside
/// the tree and renamed into place) or removed. A sync takes a turn in this node's write line, so it never moves
/// files while one of this node's writes promotes its own.
/// </summary>
public sealed class ArtifactMaterialiser(
    IServiceScopeFactory scopes,
    IImportGate line,
    ArtifactManifest manifest,
    IOptions<EkuiperOptions> options,
    ILogger<ArtifactMaterialiser> logger)
{
    private readonly SemaphoreSlim _running = new(1, 1);
    private string? _synced;

    private string DataDirectory => options.Value.ResolveDataDirectory();

    /// <summary>Syncs when the store's revision or posted uploads differ from those of the last sync (or none ran yet).</summary>
    /// <returns>Whether a sync ran.</returns>
    public async Task<bool> SyncIfChangedAsync(CancellationToken cancellationToken)
    {
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IEkuiperDbContext>();
            if (await SignatureAsync(db, cancellationToken) == _synced)
            {
                return false;
            }
        }
        await SyncAsync(cancellationToken);
        return true;
    }

    /// <summary>Brings the data directory to what the store holds now.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            // In this node's line: no write of this node promotes while files move here.
            using var turn = line.Join();
            await turn.WaitAsync(cancellationToken);
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<IEkuiperDbContext>();
            var (signature, desired, contents) = await ReadStoreAsync(db, cancellationToken);
            // Recorded only when everything landed, so that the watch tries a failed unit again.
            _synced = Apply(desired, contents) ? signature : null;
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>What the sync compares: the revision (every row change moves it) and the posted uploads (which do not).</summary>
    private static async Task<string> SignatureAsync(IEkuiperDbContext db, CancellationToken cancellationToken)
    {
        var revision = await StoreRevision.ReadAsync(db, cancellationToken);
        var uploads = await db.UploadedFiles.AsNoTracking().OrderBy(u => u.Name).Select(u => u.Name + "=" + u.Sha256)
            .ToListAsync(cancellationToken);
        return $"{revision}|{string.Join('|', uploads)}";
    }

    /// <summary>A unit the store holds: the blob it comes from, the paths it owns, and whether the blob is a bundle or the file itself.</summary>
    private sealed record Desired(string Sha256, IReadOnlyList<string> Paths, bool IsBundle);

    /// <summary>In one read snapshot: the signature, the units the store holds, and the blobs of those this node lacks.</summary>
    private async Task<(string Signature, Dictionary<string, Desired> Desired, Dictionary<string, byte[]> Contents)> ReadStoreAsync(
        IEkuiperDbContext db, CancellationToken cancellationToken)
    {
        await using var snapshot = await db.BeginReadSnapshotAsync(cancellationToken);
        var signature = await SignatureAsync(db, cancellationToken);
        var rows = await db.Artifacts.AsNoTracking()
            .Where(a => a.Kind != ArtifactKind.Script && a.Sha256 != null)
            .Select(a => new { a.Kind, a.Key, a.Sha256 })
            .ToListAsync(cancellationToken);
        var posted = await db.UploadedFiles.AsNoTracking().ToListAsync(cancellationToken);
        var shas = rows.Select(r => r.Sha256!).Concat(posted.Select(u => u.Sha256)).Distinct().ToList();
        var stored = (await db.ArtifactBlobs.Where(b => shas.Contains(b.Sha256)).Select(b => b.Sha256).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);

        var desired = new Dictionary<string, Desired>(StringComparer.Ordinal);
        // Rows of older versions name the SHA-256 of what was fetched and have no blob: their files are left as they are.
        foreach (var row in rows.Where(r => stored.Contains(r.Sha256!)))
        {
            var paths = ArtifactLayout.OwnedPaths(row.Kind, row.Key);
            if (paths.Count > 0)
            {
                desired[paths[0]] = new Desired(row.Sha256!, paths, IsBundle: true);
            }
        }
        // A posted file and an imported upload of the same name share one path; the store keeps the posted one's row
        // only while it is the later of the two (an import of the upload drops it), so it wins.
        foreach (var upload in posted.Where(u => stored.Contains(u.Sha256)))
        {
            var path = ArtifactLayout.Upload(upload.Name);
            desired[path] = new Desired(upload.Sha256, [path], IsBundle: false);
        }

        var current = manifest.Read();
        var lacking = desired.Where(d => !IsInPlace(current.GetValueOrDefault(d.Key), d.Value)).Select(d => d.Value.Sha256)
            .Distinct().ToList();
        var contents = lacking.Count == 0
            ? new Dictionary<string, byte[]>(StringComparer.Ordinal)
            : await db.ArtifactBlobs.AsNoTracking().Where(b => lacking.Contains(b.Sha256))
                .ToDictionaryAsync(b => b.Sha256, b => b.Content, StringComparer.Ordinal, cancellationToken);
        return (signature, desired, contents);
    }

    /// <summary>Whether the manifest says the unit is installed from the same blob, and every file it wrote is still there.</summary>
    private bool IsInPlace(ArtifactManifest.Entry? entry, Desired desired) =>
        entry is not null && entry.Sha256 == desired.Sha256
                          && entry.Files.All(file => File.Exists(SafePath.Resolve(DataDirectory, file)));

    /// <returns>Whether every unit was brought up to date; a unit that failed is logged and tried again by the next sync.</returns>
    private bool Apply(Dictionary<string, Desired> desired, Dictionary<string, byte[]> contents)
    {
        var current = manifest.Read();
        var complete = true;
        foreach (var (unit, entry) in current.Where(e => !desired.ContainsKey(e.Key)))
        {
            complete &= Try(unit, () =>
            {
                foreach (var path in entry.Paths)
                {
                    Delete(SafePath.Resolve(DataDirectory, path));
                    if (path.StartsWith(ArtifactLayout.Uploads + "/", StringComparison.Ordinal))
                    {
                        Uploads.UploadStore.PruneEmptyFolders(DataDirectory, path);
                    }
                }
                manifest.Update(entries => entries.Remove(unit));
                logger.LogInformation("Removed {Unit}, which the store no longer holds", unit);
            });
        }
        foreach (var (unit, wanted) in desired)
        {
            if (IsInPlace(current.GetValueOrDefault(unit), wanted) || !contents.TryGetValue(wanted.Sha256, out var content))
            {
                continue;
            }
            complete &= Try(unit, () =>
            {
                var paths = current.TryGetValue(unit, out var old) ? old.Paths.Union(wanted.Paths).ToList() : wanted.Paths.ToList();
                // Forgotten first: a unit left half installed is installed again by the next sync.
                manifest.Update(entries => entries.Remove(unit));
                var files = Install(wanted, content, paths);
                manifest.Update(entries => entries[unit] = new ArtifactManifest.Entry(wanted.Sha256, wanted.Paths, files));
                logger.LogInformation("Installed {Unit} from the store ({Sha256})", unit, wanted.Sha256);
            });
        }
        return complete;
    }

    /// <summary>One unit's change; its failure does not keep the others from being brought up to date.</summary>
    private bool Try(string unit, Action change)
    {
        try
        {
            change();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidPackageException)
        {
            logger.LogError(e, "Bringing {Unit} up to date with the store failed", unit);
            return false;
        }
    }

    /// <summary>
    /// Unpacks the unit into a folder of its own under <c>.staging</c>, moves what its paths hold now aside and the new
    /// files into place, then drops the folder.
    /// </summary>
    /// <param name="replaced">Every path the unit owned or owns: all are cleared before the new files go in.</param>
    private List<string> Install(Desired unit, byte[] content, IReadOnlyList<string> replaced)
    {
        // An upload is written below the uploads folder only through real folders of it, never through a link.
        foreach (var path in unit.Paths.Where(p => p.StartsWith(ArtifactLayout.Uploads + "/", StringComparison.Ordinal)))
        {
            var name = path[(ArtifactLayout.Uploads.Length + 1)..];
            if (Uploads.UploadStore.RefusalUnder(DataDirectory, name) is { } refusal)
            {
                throw new InvalidPackageException(refusal);
            }
        }
        var work = Path.Combine(DataDirectory, ArtifactStore.StagingFolder, "sync-" + Guid.NewGuid().ToString("N"));
        var fresh = Path.Combine(work, "new");
        var aside = Path.Combine(work, "old");
        try
        {
            List<string> files;
            if (unit.IsBundle)
            {
                files = ArtifactBundle.Unpack(content, fresh, unit.Paths, options.Value.UnpackMaxBytes);
            }
            else
            {
                var target = SafePath.Resolve(fresh, unit.Paths[0]);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, content);
                files = [unit.Paths[0]];
            }
            foreach (var path in replaced)
            {
                var live = SafePath.Resolve(DataDirectory, path);
                if (FileSystem.Exists(live))
                {
                    var moved = SafePath.Resolve(aside, path);
                    Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
                    FileSystem.Move(live, moved);
                }
            }
            foreach (var path in unit.Paths)
            {
                var staged = SafePath.Resolve(fresh, path);
                if (FileSystem.Exists(staged))
                {
                    var live = SafePath.Resolve(DataDirectory, path);
                    Directory.CreateDirectory(Path.GetDirectoryName(live)!);
                    FileSystem.Move(staged, live);
                }
            }
            return files;
        }
        finally
        {
            FileSystem.TryDelete(work);
        }
    }

    private static void Delete(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        else if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}

/// <summary>
/// Watches the store for changes other servers on it make (about once a second: the revision and the posted uploads,
/// two small reads) and lets <see cref="ArtifactMaterialiser"/> bring this node's files up to date. On SQLite no other
/// server shares the store, and the watch only finds this node's own writes, whose files are already in place.
/// </summary>
public sealed class ArtifactSyncService(ArtifactMaterialiser materialiser, IOptions<EkuiperOptions> options, ILogger<ArtifactSyncService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Max(50, options.Value.ArtifactSyncIntervalMilliseconds));
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await materialiser.SyncIfChangedAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // Tried again at the next tick: the last synced state is only recorded once a sync succeeds.
                    logger.LogWarning(e, "Bringing the installed artifacts up to date with the store failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }
}
