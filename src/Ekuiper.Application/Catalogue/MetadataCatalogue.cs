using System.Text.Json;

namespace Ekuiper.Application.Catalogue;

/// <summary>Which catalogue of built-in extensions: the sources or the sinks eKuiper ships.</summary>
public enum CatalogueKind
{
    Source,
    Sink,
}

/// <summary>
/// The built-in sources and sinks eKuiper describes on /metadata/{sources|sinks} (the embedded files under
/// Catalogue/Data, see their README): per type, the description eKuiper's manager UI reads (about, libs, properties,
/// node and, for sources, dataSource). Sources also carry whether they can be scanned and looked up.
/// </summary>
public static class MetadataCatalogue
{
    private static readonly Lazy<IReadOnlyDictionary<CatalogueKind, IReadOnlyDictionary<string, JsonElement>>> All = new(Load);

    /// <summary>Every type of <paramref name="kind"/>, ordered by name (ordinal), as eKuiper lists them.</summary>
    public static IReadOnlyList<KeyValuePair<string, JsonElement>> List(CatalogueKind kind) =>
        All.Value[kind].OrderBy(entry => entry.Key, StringComparer.Ordinal).ToList();

    public static bool TryGet(CatalogueKind kind, string type, out JsonElement entry) =>
        All.Value[kind].TryGetValue(type, out entry);

    /// <summary>Whether a source entry can be used as a scan (stream) or a lookup table source.</summary>
    public static bool Supports(JsonElement sourceEntry, bool lookup) =>
        sourceEntry.TryGetProperty(lookup ? "lookup" : "scan", out var flag) && flag.ValueKind == JsonValueKind.True;

    private static IReadOnlyDictionary<CatalogueKind, IReadOnlyDictionary<string, JsonElement>> Load() =>
        new Dictionary<CatalogueKind, IReadOnlyDictionary<string, JsonElement>>
        {
            [CatalogueKind.Source] = Read("sources.json"),
            [CatalogueKind.Sink] = Read("sinks.json"),
        };

    private static IReadOnlyDictionary<string, JsonElement> Read(string file)
    {
        var name = $"Ekuiper.Application.Catalogue.Data.{file}";
        using var stream = typeof(MetadataCatalogue).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.EnumerateObject()
            .ToDictionary(type => type.Name, type => type.Value.Clone(), StringComparer.Ordinal);
    }
}
