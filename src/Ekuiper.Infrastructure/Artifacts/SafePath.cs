namespace Ekuiper.Infrastructure.Artifacts;

/// <summary>Turns a relative '/'-separated path into a full path that is certain to stay inside its root.</summary>
public static class SafePath
{
    /// <exception cref="InvalidPackageException">The path would leave <paramref name="root"/>.</exception>
    public static string Resolve(string root, string relative)
    {
        var fullRoot = Path.GetFullPath(root);
        var full = Path.GetFullPath(Path.Combine(fullRoot, relative.Replace('/', Path.DirectorySeparatorChar)));
        var prefix = fullRoot.EndsWith(Path.DirectorySeparatorChar) ? fullRoot : fullRoot + Path.DirectorySeparatorChar;
        if (!full.StartsWith(prefix, StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new InvalidPackageException($"the path {relative} would leave its folder");
        }
        return full;
    }
}

/// <summary>A package or path that cannot be installed; the message is the reason, without the kind's prefix.</summary>
public sealed class InvalidPackageException(string message) : Exception(message);
