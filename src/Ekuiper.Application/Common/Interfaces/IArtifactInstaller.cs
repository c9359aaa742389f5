using Ekuiper.Domain.Definitions;

namespace Ekuiper.Application.Common.Interfaces;

/// <summary>Installs the files of plugins, services, schemas and uploads under the data directory.</summary>
public interface IArtifactInstaller
{
    /// <summary>Starts the file changes of one import. Nothing under the installed tree changes before <see cref="IArtifactStaging.Promote"/>.</summary>
    IArtifactStaging Begin();

    /// <summary>The absolute path, on this server, of <paramref name="relativePath"/> under the data directory ('/' separators).</summary>
    string FullPathOf(string relativePath);

    /// <summary>
    /// Stages <paramref name="artifact"/> exactly as an import would, with its entry's file read from
    /// <paramref name="package"/> instead of fetched, and gives back the bundle the staging made; installs nothing.
    /// Sets the artifact's <see cref="ArtifactDefinition.Sha256"/> and <see cref="ArtifactDefinition.InstalledPath"/>
    /// as staging does. A schema upload's zip is bundled so (its name.proto and name/ folder), then installed from the bundle.
    /// </summary>
    /// <returns>The functions the artifact provides, and its bundle.</returns>
    /// <exception cref="Exceptions.ArtifactInstallException">The package is refused, with the words an import reports.</exception>
    Task<(IReadOnlyList<string> Functions, byte[] Bundle)> BundleAsync(ArtifactDefinition artifact, byte[] package, CancellationToken cancellationToken);
}

/// <summary>
/// The file changes of one import, staged beside the installed tree so that they follow the import's transaction:
/// <see cref="Promote"/> just before the commit, <see cref="Complete"/> after it. Disposing without
/// <see cref="Complete"/> removes the staged files and puts back whatever <see cref="Promote"/> replaced.
/// </summary>
public interface IArtifactStaging : IDisposable
{
    /// <summary>
    /// Fetches, checks and unpacks one plugin, service, schema or upload into the staging area and records on
    /// <paramref name="artifact"/> where it will live (<see cref="ArtifactDefinition.InstalledPath"/>) and the SHA-256
    /// of its bundle: the files it staged, as one deterministic zip (<see cref="BundleOf"/>), so that the same install
    /// gives the same bytes and the same hash.
    /// </summary>
    /// <remarks>A portable plugin's manifest is recorded on the row too (<see cref="ArtifactDefinition.PluginInfoJson"/>).</remarks>
    /// <returns>The SQL functions the artifact declares (function plugins, portable plugins, services); empty otherwise.</returns>
    /// <exception cref="Exceptions.EkuiperException">It cannot be fetched or is not what its kind requires; the message says why.</exception>
    Task<IReadOnlyList<string>> StageAsync(ArtifactDefinition artifact, CancellationToken cancellationToken);

    /// <summary>
    /// Stages <paramref name="artifact"/> from a bundle the store holds (a restore), instead of fetching it: the files
    /// are unpacked where they were, and the row keeps the SHA-256, installed path and functions it was given with.
    /// </summary>
    /// <exception cref="Exceptions.EkuiperException">The bundle does not hash to the row's SHA-256 or holds files the artifact does not own.</exception>
    void StageBundle(ArtifactDefinition artifact, byte[] bundle);

    /// <summary>Stages a file posted to /config/uploads under <paramref name="name"/> (a checked upload name).</summary>
    void StageUploadedFile(string name, byte[] content);

    /// <summary>The bundle staged under <paramref name="sha256"/> by this staging; null if none was.</summary>
    byte[]? BundleOf(string sha256);

    /// <summary>Full import: every installed artifact that this import does not stage is removed on promotion.</summary>
    void ReplaceAll();

    /// <summary>Moves the staged files into place (and removes the replaced ones), keeping what they replace until <see cref="Complete"/>.</summary>
    void Promote();

    /// <summary>The import committed: the replaced files are dropped for good.</summary>
    void Complete();
}
