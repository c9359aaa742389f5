namespace Ekuiper.Domain.Artifacts;

/// <summary>The files of a package (a plugin or service zip, or its installed directory) as the package checks see them.</summary>
public interface IPackageContents
{
    /// <summary>Every file (not directory) in the package, as a relative path with '/' separators.</summary>
    IReadOnlyCollection<string> Files { get; }

    /// <summary>The text of a small file of the package (a descriptor or schema); null when it is absent.</summary>
    string? ReadText(string path);
}

/// <summary>
/// What a package declares once checked: the SQL functions it makes available, and for a portable plugin its manifest
/// (its source and sink types among them).
/// </summary>
public sealed record CheckedPackage(IReadOnlyList<string> Functions, PortablePluginInfo? PortablePlugin = null);
