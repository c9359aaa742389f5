namespace Ekuiper.Domain.Definitions;

/// <summary>The sections whose entries describe an artifact (a file or script) rather than a stream, rule or config.</summary>
public enum ArtifactKind
{
    NativePlugin,
    PortablePlugin,
    Service,
    Schema,
    Upload,
    Script,
}

/// <summary>
/// A stored plugin, portable plugin, service, schema, upload or script: the key it is exported under and its
/// definition JSON exactly as submitted. Installation details (file location, checksum) are kept beside it.
/// </summary>
public class ArtifactDefinition
{
    public ArtifactKind Kind { get; set; }
    public required string Key { get; set; }
    public required string Json { get; set; }

    /// <summary>
    /// SHA-256 (hex) of the artifact's bundle, the <see cref="ArtifactBlob"/> holding the files its installation wrote;
    /// null for scripts. Rows of older versions hold the SHA-256 of what was fetched, and no blob.
    /// </summary>
    public string? Sha256 { get; set; }

    /// <summary>Where the installed artifact lives, relative to the data directory.</summary>
    public string? InstalledPath { get; set; }

    /// <summary>
    /// The SQL functions the installation found the artifact to provide, as a JSON array of names, so that every
    /// server checks rules against the same functions without reading installed files; null for rows of older versions.
    /// </summary>
    public string? FunctionsJson { get; set; }

    /// <summary>
    /// A portable plugin's manifest as eKuiper reads it (<see cref="Artifacts.PortablePluginInfo.Write"/>: version,
    /// language, executable, its sources, sinks and functions), recorded when it is installed, so that every server
    /// knows the source and sink types it provides and describes it without reading installed files; null for other
    /// kinds and for rows of older versions (read from their bundle or files instead).
    /// </summary>
    public string? PluginInfoJson { get; set; }
}
