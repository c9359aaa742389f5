namespace Ekuiper.Domain.Definitions;

/// <summary>A copy of the whole store, taken before a full import or a restore.</summary>
public class BackupRecord
{
    public required string Id { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Why it was taken, e.g. "before full import" or "before restore of &lt;id&gt;".</summary>
    public required string Reason { get; set; }

    /// <summary>Entries per section, as JSON (section → count).</summary>
    public required string CountsJson { get; set; }

    /// <summary>The store in the export format.</summary>
    public required byte[] Content { get; set; }

    /// <summary>
    /// The installed artifact rows as they were (kind, key, JSON, bundle SHA-256, installed path, functions), as a JSON
    /// array: their blobs are kept while the backup is, so that a restore installs them without fetching. Null for
    /// backups of older versions.
    /// </summary>
    public string? ArtifactsJson { get; set; }
}
