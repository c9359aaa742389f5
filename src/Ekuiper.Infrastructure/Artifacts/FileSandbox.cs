namespace Ekuiper.Infrastructure.Artifacts;

/// <summary>
/// Where file:// URIs may read from: a path is allowed when its real location — ".." resolved and every symbolic link
/// on the way followed — lies under one of the roots (taken real as well). A link inside a root that points out of it
/// is therefore refused, and a link outside that points in is allowed. An unrestricted sandbox (eKuiper's
/// allowExternalFileAccess) allows every path.
/// </summary>
public sealed class FileSandbox(IReadOnlyList<string> roots, bool unrestricted = false)
{
    /// <summary>Symbolic links followed for one path at most, as Linux's own limit (ELOOP) is 40.</summary>
    private const int MaxLinks = 40;

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    private readonly IReadOnlyList<string> _realRoots = roots.Select(root => RealPath(root)).ToList();

    public IReadOnlyList<string> Roots => roots;

    /// <summary>The real path to read <paramref name="path"/> at, or null when it lies outside every root.</summary>
    public string? Resolve(string path)
    {
        string real;
        try
        {
            real = RealPath(path);
        }
        catch (IOException)
        {
            return null; // a link loop, or a link that cannot be read, is no way into a root
        }
        return unrestricted || _realRoots.Any(root => IsUnder(real, root)) ? real : null;
    }

    private static bool IsUnder(string path, string root)
    {
        var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, PathComparison) || string.Equals(path, root, PathComparison);
    }

    /// <summary>
    /// The path with ".." resolved and every symbolic link followed, component by component (what realpath(3) gives).
    /// Components that do not exist are kept as they are: there is nothing to follow.
    /// </summary>
    /// <exception cref="IOException">More than <see cref="MaxLinks"/> links (a loop).</exception>
    public static string RealPath(string path)
    {
        var links = 0;
        var full = Path.GetFullPath(path);
        var resolved = Path.GetPathRoot(full)!;
        var pending = new Queue<string>(full[resolved.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries));
        while (pending.TryDequeue(out var component))
        {
            var next = Path.Combine(resolved, component);
            FileSystemInfo entry = new FileInfo(next);
            if (entry.LinkTarget is not { } target)
            {
                resolved = next;
                continue;
            }
            if (++links > MaxLinks)
            {
                throw new IOException($"too many levels of symbolic links at {next}");
            }
            // Start again from the link's target (relative to the link's folder), then the components still to come.
            var targetFull = Path.GetFullPath(target, resolved);
            resolved = Path.GetPathRoot(targetFull)!;
            var rest = pending.ToList();
            pending = new Queue<string>(targetFull[resolved.Length..]
                .Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Concat(rest));
        }
        return resolved;
    }
}
