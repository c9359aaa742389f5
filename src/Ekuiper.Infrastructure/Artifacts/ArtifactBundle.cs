using System.IO.Compression;

namespace Ekuiper.Infrastructure.Artifacts;

/// <summary>
/// An installed artifact's files as one zip, the bytes the store keeps for it (<c>ArtifactBlob</c>): entries named by
/// their path under the data directory ('/'-separated), sorted ordinally, with one fixed timestamp and only the
/// executable bit of each file's mode, so that the same installation always gives the same bytes — and the same
/// SHA-256, which is what makes an identical re-import change no row.
/// </summary>
public static class ArtifactBundle
{
    /// <summary>Every entry's timestamp: the files' own times would make each install's bundle differ.</summary>
    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const int RegularFile = 0b1000 << 12; // S_IFREG
    private const int ExecutableMode = 0b111_101_101; // rwxr-xr-x
    private const int PlainMode = 0b110_100_100; // rw-r--r--

    /// <summary>The files under <paramref name="paths"/> (files or folders, relative to <paramref name="root"/>), sorted ordinally.</summary>
    public static List<string> FilesUnder(string root, IEnumerable<string> paths)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var full = SafePath.Resolve(root, path);
            if (File.Exists(full))
            {
                files.Add(path);
            }
            else if (Directory.Exists(full))
            {
                foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories))
                {
                    files.Add(Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/'));
                }
            }
        }
        return files.ToList();
    }

    /// <summary>Zips <paramref name="files"/> (relative to <paramref name="root"/>, in the order given: sort them first).</summary>
    public static byte[] Create(string root, IReadOnlyList<string> files)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in files)
            {
                var full = SafePath.Resolve(root, file);
                var entry = archive.CreateEntry(file, CompressionLevel.Optimal);
                entry.LastWriteTime = FixedTime;
                entry.ExternalAttributes = (RegularFile | (IsExecutable(full) ? ExecutableMode : PlainMode)) << 16;
                using var input = File.OpenRead(full);
                using var output = entry.Open();
                input.CopyTo(output);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Unpacks <paramref name="bundle"/> under <paramref name="root"/>, refusing it whole when an entry lies outside
    /// <paramref name="ownedPaths"/>: a bundle installs only the files its artifact owns.
    /// </summary>
    /// <returns>The files written, relative to <paramref name="root"/>.</returns>
    /// <exception cref="InvalidPackageException">Not a zip, an entry outside the owned paths, or larger than <paramref name="maxBytes"/> unpacked.</exception>
    public static List<string> Unpack(byte[] bundle, string root, IReadOnlyList<string> ownedPaths, long maxBytes)
    {
        using var package = ZipPackage.Open(bundle);
        var files = package.Files.Order(StringComparer.Ordinal).ToList();
        if (files.FirstOrDefault(file => !ownedPaths.Any(owned => file == owned || file.StartsWith(owned + "/", StringComparison.Ordinal))) is { } stray)
        {
            throw new InvalidPackageException($"the stored bundle holds {stray}, which the artifact does not own");
        }
        package.ExtractTo(root, maxBytes);
        return files;
    }

    private static bool IsExecutable(string path) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;
}
