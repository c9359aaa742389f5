using System.Text.Json;

namespace Ekuiper.Application.Catalogue;

/// <summary>Which catalogue of built-in extensions: the sources or the sinks eKuiper ships.</summary>
public enum CatalogueKind
{
    Source,
    Sink,
}

/// <summary>
/// The built-in catalogue eKuiper describes under /metadata (the embedded files under Catalogue/Data, see their
/// README): per source and sink type, the description eKuiper's manager UI reads (about, libs, properties, node and,
/// for sources, dataSource; sources also carry whether they can be scanned and looked up); the SQL functions; the
/// operators of graph rules.
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

    private static readonly Lazy<JsonElement> FunctionsFile = new(() => ReadElement("functions.json"));
    private static readonly Lazy<JsonElement> OperatorsFile = new(() => ReadElement("operators.json"));

    /// <summary>
    /// The built-in SQL functions as eKuiper's function metadata file has them: {"about", "functions": [...]}, one entry
    /// per function the rule checker knows (<c>BuiltinCatalogue.Functions</c>), ordered by name.
    /// </summary>
    public static JsonElement Functions => FunctionsFile.Value;

    /// <summary>The operators of a graph rule eKuiper describes, as the array /metadata/operators answers, in file-name order.</summary>
    public static JsonElement Operators => OperatorsFile.Value;

    private static IReadOnlyDictionary<CatalogueKind, IReadOnlyDictionary<string, JsonElement>> Load() =>
        new Dictionary<CatalogueKind, IReadOnlyDictionary<string, JsonElement>>
        {
            [CatalogueKind.Source] = Read("sources.json"),
            [CatalogueKind.Sink] = Read("sinks.json"),
        };

    private static IReadOnlyDictionary<string, JsonElement> Read(string file) =>
        ReadElement(file).EnumerateObject().ToDictionary(type => type.Name, type => type.Value, StringComparer.Ordinal);

    private static JsonElement ReadElement(string file)
    {
        var name = $"Ekuiper.Application.Catalogue.Data.{file}";
        using var stream = typeof(MetadataCatalogue).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.Clone();
    }
}
