using System.Security.Cryptography;
using System.Text.Json;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.DataExport;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Backups;

/// <summary>
/// Saves the whole store, in the export format, before a full import or a restore replaces it. Runs inside the
/// import's transaction: the backup and the import commit together, so there is never an import without its backup
/// nor a backup of a state that was not the one replaced. A backup also carries the installed artifact rows
/// (<see cref="BackupArtifacts"/>), so that their bytes stay in the store while it does.
/// </summary>
public sealed class StoreBackups(IEkuiperDbContext db, IClock clock, BackupSettings settings)
{
    /// <param name="reason">Why, e.g. "before full import"; the revision it was taken at is appended.</param>
    /// <returns>The new backup's id (null when none are kept); settle it with <see cref="SettleAsync"/> once the import wrote.</returns>
    public async Task<string?> TakeAsync(string reason, long revision, CancellationToken cancellationToken)
    {
        if (settings.Keep <= 0)
        {
            return null;
        }
        // Written by the export's own writer, so these are the very bytes GET /data/export gives for this state:
        // restoring them and exporting again gives them back. It reads in the import's transaction, before any write.
        using var content = new MemoryStream();
        var counts = await new StoreExportWriter(db).WriteAsync(content, cancellationToken);
        // The installed artifacts as they are: their blobs stay while the backup does, and a restore installs from them.
        var installed = await db.Artifacts.AsNoTracking().Where(a => a.Sha256 != null).ToListAsync(cancellationToken);
        var now = clock.UtcNow;
        var id = NewId(now);
        db.Backups.Add(new BackupRecord
        {
            Id = id,
            CreatedAt = now,
            Reason = $"{reason} at revision {revision}",
            CountsJson = CountsJson(counts),
            Content = content.ToArray(),
            ArtifactsJson = BackupArtifacts.Write(installed
                .OrderBy(a => a.Kind).ThenBy(a => a.Key, StringComparer.Ordinal)),
        });
        await db.SaveChangesAsync(cancellationToken);
        db.ClearTracked();
        return id;
    }

    /// <summary>
    /// After the import that <paramref name="id"/> was taken for: when it changed the store, the oldest backups beyond
    /// <see cref="BackupSettings.Keep"/> go; when it changed nothing, the backup itself goes (it holds the state that is
    /// still there, and must not push an older one out).
    /// </summary>
    public async Task SettleAsync(string? id, bool changed, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return;
        }
        if (!changed)
        {
            await db.Backups.Where(b => b.Id == id).ExecuteDeleteAsync(cancellationToken);
            return;
        }
        var kept = await Newest(db.Backups).Take(settings.Keep).Select(b => b.Id).ToListAsync(cancellationToken);
        await db.Backups.Where(b => !kept.Contains(b.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Newest first; the id breaks ties of the same millisecond.</summary>
    public static IQueryable<BackupRecord> Newest(IQueryable<BackupRecord> backups) =>
        backups.OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id);

    /// <summary>"backup-&lt;unix milliseconds&gt;-&lt;4 random hex&gt;": sortable by eye, unique within a millisecond.</summary>
    private static string NewId(DateTimeOffset now) =>
        $"backup-{now.ToUnixTimeMilliseconds()}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2))}";

    /// <summary>Entries per section (wire name → count), in eKuiper's section order.</summary>
    private static string CountsJson(int[] counts) => JsonText.Write(writer =>
    {
        writer.WriteStartObject();
        foreach (var section in RulesetSections.All)
        {
            writer.WriteNumber(section.WireName(), counts[(int)section]);
        }
        writer.WriteEndObject();
    });

    /// <summary>Reads <see cref="CountsJson"/> back; a row written by anything else reads as no counts.</summary>
    public static Dictionary<string, int> ReadCounts(string countsJson)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, int>>(countsJson) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
