using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Ruleset.Validation;
using Ekuiper.Infrastructure.Artifacts;
using Microsoft.Extensions.Options;

namespace Ekuiper.Infrastructure.Uploads;

/// <summary>
/// The uploads directory under the data directory, as eKuiper keeps it (&lt;data&gt;/uploads): the same place an
/// imported upload is installed to (<see cref="ArtifactLayout.Upload"/>).
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

    public async Task<string> SaveAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        System.IO.Directory.CreateDirectory(Directory);
        // Written beside the target and moved over it, so a failed upload never leaves half a file behind.
        var partial = Path.Combine(Directory, $".{name}.{Guid.NewGuid():N}.partial");
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken);
            }
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
        return path;
    }

    public IReadOnlyList<string> ListNames()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }
        return System.IO.Directory.EnumerateFiles(Directory)
            .Select(Path.GetFileName)
            .Where(name => name is not null && !name.EndsWith(".partial", StringComparison.Ordinal))
            .Select(name => name!)
            .ToList();
    }

    public bool Exists(string name) => File.Exists(PathOf(name));

    public bool Delete(string name)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            return false;
        }
        File.Delete(path);
        return true;
    }
}
