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
