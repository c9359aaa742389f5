using System.Security.Cryptography;
using System.Text;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Artifacts;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset.Validation;
using Microsoft.Extensions.Options;

namespace Ekuiper.Infrastructure.Artifacts;

/// <summary>
/// The installed artifacts under the data directory (see <see cref="ArtifactLayout"/>). Each import stages its files in
/// <c>&lt;data&gt;/.staging/&lt;id&gt;/</c>, on the same file system, so that promoting them is a few renames. Once a
/// staging completes, the node's <see cref="ArtifactManifest"/> records what it put in place (none is given in tests
/// of the staging alone).
/// </summary>
public sealed class ArtifactStore(IArtifactFetcher fetcher, IOptions<EkuiperOptions> options, ArtifactManifest? manifest = null)
    : IArtifactInstaller
{
    public const string StagingFolder = ".staging";

    public string DataDirectory => options.Value.ResolveDataDirectory();

    /// <summary>Joined and cleaned lexically, as Go's <c>filepath.Join</c>; a path to show, never to open.</summary>
    public string FullPathOf(string relativePath) => Path.GetFullPath(Path.Join(DataDirectory, relativePath));

    public async Task<(IReadOnlyList<string> Functions, byte[] Bundle)> BundleAsync(ArtifactDefinition artifact, byte[] package,
        CancellationToken cancellationToken)
    {
        // A staging of its own, never promoted: disposing it removes what it wrote.
        using var staging = new ArtifactStaging(new GivenPackage(package), DataDirectory,
            Path.Combine(DataDirectory, StagingFolder, Guid.NewGuid().ToString("N")), options.Value.UnpackMaxBytes, manifest: null);
        var functions = await staging.StageAsync(artifact, cancellationToken);
        return (functions, staging.BundleOf(artifact.Sha256!)!);
    }

    public IArtifactStaging Begin() => new ArtifactStaging(
        fetcher, DataDirectory, Path.Combine(DataDirectory, StagingFolder, Guid.NewGuid().ToString("N")), options.Value.UnpackMaxBytes,
        manifest);
}

/// <summary>The bytes of a package already in hand (an upload), whatever URI its entry names.</summary>
internal sealed class GivenPackage(byte[] package) : IArtifactFetcher
{
    public Task<byte[]> FetchAsync(string uri, CancellationToken cancellationToken) => Task.FromResult(package);
}

/// <summary>One import's staged artifact files; see <see cref="IArtifactStaging"/> for the protocol.</summary>
internal sealed class ArtifactStaging(
    IArtifactFetcher fetcher,
    string dataDirectory,
    string stagingDirectory,
    long unpackMaxBytes,
    ArtifactManifest? manifest)
    : IArtifactStaging
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _stagedRoot = Path.Combine(stagingDirectory, "new");
    private readonly string _replacedRoot = Path.Combine(stagingDirectory, "old");
    private readonly List<string> _ownedPaths = [];
    private readonly List<string> _stagedPaths = [];
    private readonly Stack<Action> _undo = new();
    private readonly Dictionary<string, byte[]> _bundles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ArtifactManifest.Entry> _units = new(StringComparer.Ordinal);
    private bool _replaceAll;
    private bool _promoted;
    private bool _completed;
    private bool _keepStaging;

    public async Task<IReadOnlyList<string>> StageAsync(ArtifactDefinition artifact, CancellationToken cancellationToken)
    {
        RequireNotPromoted();
        var written = new List<string>();
        try
        {
            var installed = artifact.Kind switch
            {
                ArtifactKind.NativePlugin => await StagePackageAsync(artifact, written, NativePlugin(artifact.Key), cancellationToken),
                ArtifactKind.PortablePlugin => await StagePackageAsync(artifact, written,
                    (entry, package) => (PortablePluginPackage.Check(entry.Name, package), ArtifactLayout.PortablePlugin(entry.Name)),
                    cancellationToken),
                ArtifactKind.Service => await StagePackageAsync(artifact, written,
                    (entry, package) => (ServicePackage.Check(entry.Name, package), ArtifactLayout.Service(entry.Name)),
                    cancellationToken),
                ArtifactKind.Schema => await StageSchemaAsync(artifact, written, cancellationToken),
                ArtifactKind.Upload => await StageUploadAsync(artifact, written, cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(artifact), artifact.Kind, "scripts have no files"),
            };
            artifact.InstalledPath = installed.Path;
            artifact.PluginInfoJson = installed.PortablePlugin?.Write();
            var files = ArtifactBundle.FilesUnder(_stagedRoot, written);
            var bundle = ArtifactBundle.Create(_stagedRoot, files);
            artifact.Sha256 = Sha256Of(bundle);
            Record(ArtifactLayout.OwnedPaths(artifact.Kind, artifact.Key), written, artifact.Sha256, bundle, files);
            return installed.Functions ?? [];
        }
        catch (Exception e)
        {
            foreach (var path in written)
            {
                FileSystem.TryDelete(SafePath.Resolve(_stagedRoot, path));
            }
            var reason = e switch
            {
                InvalidPackageException => e.Message,
                InvalidDataException => $"invalid zip file: {e.Message}",
                IOException or UnauthorizedAccessException => e.Message,
                _ => null,
            };
            if (reason is null)
            {
                throw;
            }
            throw new ArtifactInstallException($"fail to install {Noun(artifact.Kind)}: {reason}");
        }
    }

    public void StageBundle(ArtifactDefinition artifact, byte[] bundle)
    {
        RequireNotPromoted();
        var owned = ArtifactLayout.OwnedPaths(artifact.Kind, artifact.Key);
        try
        {
            if (artifact.Sha256 != Sha256Of(bundle))
            {
                throw new InvalidPackageException("the stored bundle does not match its SHA-256");
            }
            var files = ArtifactBundle.Unpack(bundle, _stagedRoot, owned, unpackMaxBytes);
            Record(owned, owned, artifact.Sha256, bundle, files);
        }
        catch (Exception e) when (e is InvalidPackageException or IOException or UnauthorizedAccessException)
        {
            foreach (var path in owned)
            {
                FileSystem.TryDelete(SafePath.Resolve(_stagedRoot, path));
            }
            throw new ArtifactInstallException($"fail to install {Noun(artifact.Kind)}: {e.Message}");
        }
    }

    public void StageUploadedFile(string name, byte[] content)
    {
        RequireNotPromoted();
        string path;
        try
        {
            path = ArtifactLayout.Upload(RequireUploadName(name));
        }
        catch (InvalidPackageException e)
        {
            throw new ArtifactInstallException(e.Message);
        }
        var written = new List<string>();
        WriteFile(path, content, written);
        Record([path], written, Sha256Of(content), content, written);
    }

    public byte[]? BundleOf(string sha256) => _bundles.GetValueOrDefault(sha256);

    public void ReplaceAll() => _replaceAll = true;

    public void Promote()
    {
        if (_promoted)
        {
            throw new InvalidOperationException("a staging is promoted once");
        }
        _promoted = true;
        try
        {
            foreach (var path in _replaceAll ? ArtifactLayout.Roots : _ownedPaths.Distinct())
            {
                MoveAside(path);
            }
            foreach (var path in _stagedPaths)
            {
                PutInPlace(path);
            }
        }
        catch
        {
            Restore();
            throw;
        }
    }

    public void Complete()
    {
        if (!_promoted)
        {
            throw new InvalidOperationException("Complete follows Promote");
        }
        _completed = true;
        // The promoted files are the store's now: the node's manifest says so, and the next sync leaves them alone.
        manifest?.Update(entries =>
        {
            if (_replaceAll)
            {
                entries.Clear();
            }
            foreach (var (unit, entry) in _units)
            {
                entries[unit] = entry;
            }
        });
    }

    public void Dispose()
    {
        if (_promoted && !_completed)
        {
            Restore();
        }
        _undo.Clear();
        if (!_keepStaging)
        {
            FileSystem.TryDelete(stagingDirectory);
        }
    }

    /// <summary>A unit staged: the paths promotion replaces and puts in place, its bundle, its manifest entry.</summary>
    private void Record(IReadOnlyList<string> owned, IEnumerable<string> staged, string sha256, byte[] bundle, IReadOnlyList<string> files)
    {
        _ownedPaths.AddRange(owned);
        _stagedPaths.AddRange(staged);
        _bundles[sha256] = bundle;
        if (owned.Count > 0)
        {
            _units[owned[0]] = new ArtifactManifest.Entry(sha256, owned, files);
        }
    }

    private void RequireNotPromoted()
    {
        if (_promoted)
        {
            throw new InvalidOperationException("nothing can be staged once the staging is promoted");
        }
    }

    internal static string Sha256Of(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>How a package kind is checked, and where it is unpacked.</summary>
    private delegate (EntryResult<CheckedPackage> Check, string Path) PackageKind(PackageEntry entry, ZipPackage package);

    private static PackageKind NativePlugin(string key)
    {
        ArtifactEntryValidator.TrySplitPluginKey(key, out var pluginKind, out _);
        return (entry, package) => (NativePluginPackage.Check(pluginKind, entry, package), ArtifactLayout.NativePlugin(pluginKind, entry.Name));
    }

    /// <summary>A plugin or service: its zip fetched, checked, and unpacked where its kind goes.</summary>
    private async Task<StagedFile> StagePackageAsync(ArtifactDefinition artifact, List<string> written, PackageKind kind,
        CancellationToken cancellationToken)
    {
        var entry = ArtifactEntries.ReadPackage(artifact.Json);
        var zip = await fetcher.FetchAsync(entry.File, cancellationToken);
        using var package = ZipPackage.Open(zip);
        var (check, path) = kind(entry, package);
        var checkedPackage = Require(check);
        RequireFileName(entry.Name); // the name becomes part of the path
        written.Add(path);
        package.ExtractTo(SafePath.Resolve(_stagedRoot, path), unpackMaxBytes);
        return new StagedFile(path, zip, checkedPackage.Functions, checkedPackage.PortablePlugin);
    }

    private async Task<StagedFile> StageSchemaAsync(ArtifactDefinition artifact, List<string> written, CancellationToken cancellationToken)
    {
        var entry = ArtifactEntries.ReadSchema(artifact.Key, artifact.Json);
        RequireFileName(entry.Name);
        StagedFile? schema = null;
        if (entry.Type == "custom" && (entry.Content ?? entry.File) is not null)
        {
            throw new InvalidPackageException($"custom schema {entry.Name} is defined by its soFile only: content and file are not supported");
        }
        if (entry.Type == "protobuf")
        {
            schema = entry.Content is { } content
                ? WriteFile(ArtifactLayout.SchemaFile(entry.Type, entry.Name), Encoding.UTF8.GetBytes(content), written)
                : await StageProtoFileAsync(entry, written, cancellationToken);
            var text = Decode(schema.Content, $"{entry.Name}.proto");
            var proto = ProtoSchema.Parse(text);
            if (!proto.IsValid)
            {
                throw new InvalidPackageException($"invalid protobuf file {entry.Name}.proto: {proto.Error}");
            }
            if (proto.Value!.Messages.Count == 0)
            {
                throw new InvalidPackageException($"invalid protobuf file {entry.Name}.proto: it defines no message");
            }
        }
        if (entry.SoFile is { } soFile)
        {
            var library = WriteFile(ArtifactLayout.SchemaLibrary(entry.Type, entry.Name), await fetcher.FetchAsync(soFile, cancellationToken), written);
            schema ??= library;
        }
        return schema!;
    }

    /// <summary>A .proto given by URI; a .zip URI brings name.proto and its supporting folder name/, as in eKuiper.</summary>
    private async Task<StagedFile> StageProtoFileAsync(SchemaEntry entry, List<string> written, CancellationToken cancellationToken)
    {
        var bytes = await fetcher.FetchAsync(entry.File!, cancellationToken);
        var schemaPath = ArtifactLayout.SchemaFile(entry.Type, entry.Name);
        if (!Path.GetExtension(new Uri(entry.File!).AbsolutePath).Equals(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return WriteFile(schemaPath, bytes, written);
        }
        using var package = ZipPackage.Open(bytes);
        var protoName = entry.Name + ".proto";
        if (!package.Files.Contains(protoName))
        {
            throw new InvalidPackageException($"schema file {protoName} not found inside the zip");
        }
        var supportPrefix = entry.Name + "/";
        var folder = ArtifactLayout.SchemaSupport(entry.Type, entry.Name);
        written.Add(folder);
        package.ExtractTo(SafePath.Resolve(_stagedRoot, folder), unpackMaxBytes,
            name => name.StartsWith(supportPrefix, StringComparison.Ordinal), name => name[supportPrefix.Length..]);
        return WriteFile(schemaPath, package.ReadBytes(protoName), written);
    }

    private async Task<StagedFile> StageUploadAsync(ArtifactDefinition artifact, List<string> written, CancellationToken cancellationToken)
    {
        var entry = ArtifactEntries.ReadUpload(artifact.Json);
        var path = ArtifactLayout.Upload(RequireUploadName(UploadNames.Normalise(entry.Name)));
        var bytes = entry.Content is { } content ? Encoding.UTF8.GetBytes(content) : await fetcher.FetchAsync(entry.File!, cancellationToken);
        return WriteFile(path, bytes, written);
    }

    private StagedFile WriteFile(string path, byte[] content, List<string> written)
    {
        var target = SafePath.Resolve(_stagedRoot, path);
        written.Add(path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllBytes(target, content);
        return new StagedFile(path, content);
    }

    private void MoveAside(string path)
    {
        var live = SafePath.Resolve(dataDirectory, path);
        if (!FileSystem.Exists(live))
        {
            return;
        }
        var aside = SafePath.Resolve(_replacedRoot, path);
        Directory.CreateDirectory(Path.GetDirectoryName(aside)!);
        FileSystem.Move(live, aside);
        _undo.Push(() =>
        {
            FileSystem.TryDelete(live);
            Directory.CreateDirectory(Path.GetDirectoryName(live)!);
            FileSystem.Move(aside, live);
        });
    }

    private void PutInPlace(string path)
    {
        var staged = SafePath.Resolve(_stagedRoot, path);
        if (!FileSystem.Exists(staged))
        {
            return; // an optional part (a schema's supporting folder) the package did not bring
        }
        var live = SafePath.Resolve(dataDirectory, path);
        Directory.CreateDirectory(Path.GetDirectoryName(live)!);
        FileSystem.Move(staged, live);
        _undo.Push(() => FileSystem.TryDelete(live));
    }

    /// <summary>Undoes the promotion, newest move first, so the installed tree is what it was before.</summary>
    private void Restore()
    {
        while (_undo.TryPop(out var undo))
        {
            try
            {
                undo();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Keep undoing the rest; what could not be put back stays in the staging folder for an operator.
                _keepStaging = true;
            }
        }
    }

    private static CheckedPackage Require(EntryResult<CheckedPackage> check) =>
        check.IsValid ? check.Value! : throw new InvalidPackageException(check.Error!);

    /// <summary>An upload name (a path under the uploads folder) that can be written there as the live folder is now.</summary>
    private string RequireUploadName(string name)
    {
        var problem = UploadNames.Check(name) ?? Uploads.UploadStore.RefusalUnder(dataDirectory, name);
        return problem is null ? name : throw new InvalidPackageException(problem);
    }

    private static string RequireFileName(string name) =>
        FileNames.Check(name, "artifact") is { } error ? throw new InvalidPackageException(error) : name;

    private static string Decode(byte[] content, string fileName)
    {
        try
        {
            return StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidPackageException($"{fileName} is not UTF-8 text");
        }
    }

    private static string Noun(ArtifactKind kind) => kind switch
    {
        ArtifactKind.NativePlugin or ArtifactKind.PortablePlugin => "plugin",
        ArtifactKind.Service => "service",
        ArtifactKind.Schema => "schema",
        _ => "upload",
    };

    /// <summary>Where a staged artifact will live, the bytes fetched or written for it, the SQL functions a package declares, a portable plugin's manifest.</summary>
    private sealed record StagedFile(string Path, byte[] Content, IReadOnlyList<string>? Functions = null, PortablePluginInfo? PortablePlugin = null);
}

/// <summary>File and directory operations that treat both alike.</summary>
internal static class FileSystem
{
    public static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    public static void Move(string from, string to)
    {
        if (Directory.Exists(from))
        {
            Directory.Move(from, to);
        }
        else
        {
            File.Move(from, to);
        }
    }

    public static void TryDelete(string path)
    {
        try
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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left over; removed with the next staging folder.
        }
    }
}
