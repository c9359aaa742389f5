using System.IO.Compression;
using System.Text;
using Ekuiper.Domain.Artifacts;

namespace Ekuiper.Infrastructure.Artifacts;

/// <summary>
/// A downloaded plugin or service zip. Opening it refuses what is not a zip and any entry that could land outside the
/// folder it is unpacked to (zip slip: absolute names, drive letters, ".." segments); unpacking is bounded in size.
/// </summary>
public sealed class ZipPackage : IPackageContents, IDisposable
{
    /// <summary>Descriptors and schemas are small; a larger "text" file is not read.</summary>
    private const int MaxTextBytes = 8 * 1024 * 1024;
    private const int MaxEntries = 10_000;

    private readonly ZipArchive _archive;
    private readonly Dictionary<string, ZipArchiveEntry> _files;

    private ZipPackage(ZipArchive archive, Dictionary<string, ZipArchiveEntry> files)
    {
        _archive = archive;
        _files = files;
    }

    public IReadOnlyCollection<string> Files => _files.Keys;

    /// <exception cref="InvalidPackageException">Not a zip, or an entry is unsafe or repeated.</exception>
    public static ZipPackage Open(byte[] bytes)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            // Go's archive/zip wording, which eKuiper reports.
            throw new InvalidPackageException("zip: not a valid zip file");
        }
        try
        {
            return new ZipPackage(archive, IndexFiles(archive));
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    public string? ReadText(string path)
    {
        if (!_files.TryGetValue(path, out var entry) || entry.Length > MaxTextBytes)
        {
            return null;
        }
        using var stream = entry.Open();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>The bytes of one file of the zip.</summary>
    public byte[] ReadBytes(string path)
    {
        using var stream = _files[path].Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>
    /// Writes the files of the zip (those <paramref name="include"/> selects, named as <paramref name="rename"/> says)
    /// under <paramref name="directory"/>, keeping the executable bits the zip records.
    /// </summary>
    /// <exception cref="InvalidPackageException">It unpacks to more than <paramref name="maxBytes"/>.</exception>
    public void ExtractTo(string directory, long maxBytes, Func<string, bool>? include = null, Func<string, string>? rename = null)
    {
        long written = 0;
        var buffer = new byte[81920];
        foreach (var (name, entry) in _files)
        {
            if (include is not null && !include(name))
            {
                continue;
            }
            var target = SafePath.Resolve(directory, rename?.Invoke(name) ?? name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using (var input = entry.Open())
            using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write))
            {
                int read;
                while ((read = input.Read(buffer)) > 0)
                {
                    written += read;
                    if (written > maxBytes)
                    {
                        throw new InvalidPackageException($"invalid zip file: it unpacks to more than {maxBytes} bytes");
                    }
                    output.Write(buffer, 0, read);
                }
            }
            ApplyUnixMode(entry, target);
        }
    }

    public void Dispose() => _archive.Dispose();

    private static Dictionary<string, ZipArchiveEntry> IndexFiles(ZipArchive archive)
    {
        if (archive.Entries.Count > MaxEntries)
        {
            throw new InvalidPackageException($"invalid zip file: more than {MaxEntries} entries");
        }
        var files = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            var name = entry.FullName.Replace('\\', '/');
            if (!IsSafe(name))
            {
                throw new InvalidPackageException($"invalid zip file: unsafe entry {entry.FullName}: entries must stay inside the package");
            }
            if (name.EndsWith('/'))
            {
                continue; // a directory entry; directories are made for the files they hold
            }
            if (!files.TryAdd(name, entry))
            {
                throw new InvalidPackageException($"invalid zip file: entry {entry.FullName} appears more than once");
            }
        }
        return files;
    }

    private static bool IsSafe(string name)
    {
        if (name.Length == 0 || name.StartsWith('/') || name.Contains('\0') || name.Contains(':'))
        {
            return false;
        }
        var segments = name.TrimEnd('/').Split('/');
        return segments.All(segment => segment.Length > 0 && segment != "." && segment != "..");
    }

    /// <summary>Portable plugin executables must stay executable; only permission bits are kept, never set-id bits.</summary>
    private static void ApplyUnixMode(ZipArchiveEntry entry, string path)
    {
        var mode = (entry.ExternalAttributes >> 16) & 0b111_101_101; // at most rwxr-xr-x
        if (mode == 0 || OperatingSystem.IsWindows())
        {
            return;
        }
        File.SetUnixFileMode(path, (UnixFileMode)(mode | 0b110_000_000)); // the owner can always read and write
    }
}
