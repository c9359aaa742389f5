using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Ruleset.Validation;
using Ekuiper.Infrastructure.Artifacts;
using Microsoft.Extensions.Options;

namespace Ekuiper.Infrastructure.Uploads;

/// <summary>
/// The uploads directory under the data directory, as eKuiper keeps it (&lt;data&gt;/uploads): the same place an
/// imported upload is installed to (<see cref="ArtifactLayout.Upload"/>). Names are paths under it (a/b/c.txt).
/// </summary>
public sealed class UploadStore(IOptions<EkuiperOptions> options) : IUploadStore
{
    private readonly string _dataDirectory = options.Value.ResolveDataDirectory();

    private string Directory => SafePath.Resolve(_dataDirectory, ArtifactLayout.Uploads);

    public string PathOf(string name)
    {
        // Callers check names first; this is the last guard against a path that leaves the directory.
        if (UploadNames.Check(name) is { } invalid)
        {
            throw new ArgumentException(invalid, nameof(name));
        }
        return SafePath.Resolve(_dataDirectory, ArtifactLayout.Upload(name));
    }

    public IReadOnlyList<string> ListNames()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }
        // As eKuiper reads the folder: its entries, files and sub-folders alike.
        return System.IO.Directory.EnumerateFileSystemEntries(Directory)
            .Select(Path.GetFileName)
            .Where(name => name is not null && !name.EndsWith(".partial", StringComparison.Ordinal))
            .Select(name => name!)
            .ToList();
    }

    public bool Exists(string name) => File.Exists(PathOf(name));

    public bool IsFolder(string name) => System.IO.Directory.Exists(PathOf(name));

    public string? Refusal(string name) => RefusalUnder(_dataDirectory, name);

    public bool Delete(string name)
    {
        var path = PathOf(name);
        if (RefusalUnder(_dataDirectory, name) is not null || !File.Exists(path))
        {
            return false;
        }
        File.Delete(path);
        PruneEmptyFolders(_dataDirectory, ArtifactLayout.Upload(name));
        return true;
    }

    /// <summary>
    /// Why the upload <paramref name="name"/> cannot be written or deleted in the uploads folder of
    /// <paramref name="dataDirectory"/> as it is on disk now; null when it can. A part of its path that is a symbolic
    /// link could lead outside the folder, a part that is a file cannot hold the rest, and a folder is not a file.
    /// </summary>
    public static string? RefusalUnder(string dataDirectory, string name)
    {
        var root = SafePath.Resolve(dataDirectory, ArtifactLayout.Uploads);
        var parts = name.Split('/');
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            current = Path.Combine(current, parts[i]);
            var info = new FileInfo(current);
            if (!info.Exists && !System.IO.Directory.Exists(current) && info.LinkTarget is null)
            {
                return null; // nothing further down exists either
            }
            var shown = string.Join('/', parts[..(i + 1)]);
            if (info.LinkTarget is not null)
            {
                return $"invalid upload name {name}: {shown} is a symbolic link in the uploads folder";
            }
            if (i < parts.Length - 1 && info.Exists)
            {
                return $"invalid upload name {name}: {shown} is a file, not a folder";
            }
            if (i == parts.Length - 1 && System.IO.Directory.Exists(current))
            {
                return $"invalid upload name {name}: {shown} is a folder";
            }
        }
        return null;
    }

    /// <summary>Removes the folders above <paramref name="path"/> (relative to the data directory) that are left empty, up to the uploads folder.</summary>
    public static void PruneEmptyFolders(string dataDirectory, string path)
    {
        var root = SafePath.Resolve(dataDirectory, ArtifactLayout.Uploads);
        var folder = Path.GetDirectoryName(SafePath.Resolve(dataDirectory, path));
        try
        {
            while (folder is not null && folder.Length > root.Length && folder.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                   && System.IO.Directory.Exists(folder) && !System.IO.Directory.EnumerateFileSystemEntries(folder).Any())
            {
                System.IO.Directory.Delete(folder);
                folder = Path.GetDirectoryName(folder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left as it is: an empty folder is harmless.
        }
    }
}
