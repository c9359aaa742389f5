using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Ekuiper.Infrastructure.Artifacts;

/// <summary>
/// What of the store's artifacts this node has put into its data directory: <c>&lt;data&gt;/.artifacts.json</c>,
/// one entry per installed unit (an artifact, or a file posted to /config/uploads) under its first owned path, with
/// the SHA-256 of the blob it came from, the paths it owns and the files it wrote. <see cref="ArtifactMaterialiser"/>
/// compares it with the store to touch only what differs; this node's own writes update it as they commit.
/// Paths no entry names are never removed by a sync: files of rows from older versions, which have no blob, stay.
/// </summary>
public sealed class ArtifactManifest(IOptions<EkuiperOptions> options)
{
    public const string FileName = ".artifacts.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly Lock _sync = new();
    private Dictionary<string, Entry>? _entries;

    private string FilePath => Path.Combine(options.Value.ResolveDataDirectory(), FileName);

    /// <param name="Sha256">The blob the unit was installed from.</param>
    /// <param name="Paths">The paths the unit owns, relative to the data directory: removing it removes them.</param>
    /// <param name="Files">The files it wrote; a missing one makes the next sync install the unit again.</param>
    public sealed record Entry(string Sha256, IReadOnlyList<string> Paths, IReadOnlyList<string> Files);

    /// <summary>A copy of the entries, by unit.</summary>
    public Dictionary<string, Entry> Read()
    {
        lock (_sync)
        {
            return new Dictionary<string, Entry>(Load(), StringComparer.Ordinal);
        }
    }

    /// <summary>Changes the entries and saves them (written beside the file and renamed over it).</summary>
    public void Update(Action<Dictionary<string, Entry>> change)
    {
        lock (_sync)
        {
            var entries = Load();
            change(entries);
            var temporary = FilePath + ".partial";
            File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(entries.OrderBy(e => e.Key, StringComparer.Ordinal)
                .ToDictionary(e => e.Key, e => e.Value), Json));
            File.Move(temporary, FilePath, overwrite: true);
        }
    }

    private Dictionary<string, Entry> Load()
    {
        if (_entries is not null)
        {
            return _entries;
        }
        try
        {
            _entries = File.Exists(FilePath)
                ? new Dictionary<string, Entry>(JsonSerializer.Deserialize<Dictionary<string, Entry>>(File.ReadAllBytes(FilePath)) ?? [],
                    StringComparer.Ordinal)
                : new Dictionary<string, Entry>(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            // A manifest that does not read is as good as none: the next sync installs every unit again.
            _entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        }
        return _entries;
    }
}
