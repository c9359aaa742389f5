namespace Ekuiper.Domain.Definitions;

/// <summary>
/// The bytes of an installed artifact, kept in the store so that every server on it can install the same files
/// without fetching anything: an artifact's bundle (the files its installation wrote, as one deterministic zip) or a
/// file posted to /config/uploads. Content-addressed: rows that hold the same bytes share one blob.
/// </summary>
public class ArtifactBlob
{
    /// <summary>SHA-256 of <see cref="Content"/>, lower-case hex: the key artifact, upload and backup rows refer to it by.</summary>
    public required string Sha256 { get; set; }

    public required byte[] Content { get; set; }
}
