using Ekuiper.Domain.Artifacts;

namespace Ekuiper.Infrastructure.Artifacts;

/// <summary>An installed (unpacked) plugin or service, read back with the same checks that accepted its zip.</summary>
public sealed class DirectoryPackage(string directory) : IPackageContents
{
    private const int MaxTextBytes = 8 * 1024 * 1024;

    public IReadOnlyCollection<string> Files { get; } = Directory.Exists(directory)
        ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/'))
            .ToList()
        : [];

    public string? ReadText(string path)
    {
        if (!Files.Contains(path))
        {
            return null;
        }
        var file = new FileInfo(SafePath.Resolve(directory, path));
        return file.Length > MaxTextBytes ? null : File.ReadAllText(file.FullName);
    }
}
