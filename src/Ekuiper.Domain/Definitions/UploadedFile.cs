namespace Ekuiper.Domain.Definitions;

/// <summary>
/// A file posted to /config/uploads as a multipart form. eKuiper does not record such a file for the export, and
/// neither does this server; the row exists so that the bytes (<see cref="ArtifactBlob"/>) live in the store and every
/// server installs the same file.
/// </summary>
public class UploadedFile
{
    /// <summary>The file's name in the uploads directory.</summary>
    public required string Name { get; set; }

    /// <summary>The blob holding the file's bytes as they were posted.</summary>
    public required string Sha256 { get; set; }
}
