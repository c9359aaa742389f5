using System.Text.Json;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Domain.Ruleset.Validation;

namespace Ekuiper.Domain.Artifacts;

/// <summary>
/// What eKuiper expects in a portable plugin zip: at its top the manifest <c>name.json</c> naming the plugin, its
/// language (go or python), its executable and at least one source, sink or function; the executable itself; and
/// <c>sources/&lt;source&gt;.yaml</c> for each source it declares.
/// </summary>
public static class PortablePluginPackage
{
    private static readonly string[] Languages = ["go", "python"];

    public static EntryResult<CheckedPackage> Check(string name, IPackageContents contents)
    {
        var manifestName = name + ".json";
        var text = contents.ReadText(manifestName);
        if (text is null)
        {
            return Fail($"missing or invalid json file {manifestName}, found {contents.Files.Count} files in total");
        }
        PortablePluginInfo manifest;
        try
        {
            manifest = PortablePluginInfo.ReadManifest(name, text);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Fail($"invalid json file {manifestName}: {e.Message}");
        }

        // eKuiper reads the manifest over a plugin info already named after the entry, so an absent (or null) name
        // is the entry's name, as in its own sample plugin's manifest.
        if (manifest.Name != name)
        {
            return Fail($"invalid plugin, expect name '{name}' but got '{manifest.Name}'");
        }
        if (string.IsNullOrEmpty(manifest.Language))
        {
            return Fail("invalid plugin, missing language");
        }
        if (string.IsNullOrEmpty(manifest.Executable))
        {
            return Fail("invalid plugin, missing executable");
        }
        var (sources, sinks, functions) = (manifest.Sources ?? [], manifest.Sinks ?? [], manifest.Functions ?? []);
        if (sources.Count + sinks.Count + functions.Count == 0)
        {
            return Fail("invalid plugin, must define at least one source, sink or function");
        }
        if (!Languages.Contains(manifest.Language))
        {
            return Fail($"invalid plugin, language '{manifest.Language}' is not supported");
        }
        var required = new List<string> { Normalise(manifest.Executable) };
        required.AddRange(sources.Select(source => $"sources/{source}.yaml"));
        var files = contents.Files.ToHashSet(StringComparer.Ordinal);
        if (required.FirstOrDefault(file => !files.Contains(file)) is { } missing)
        {
            return Fail($"missing {missing}");
        }
        return EntryResult<CheckedPackage>.Ok(new CheckedPackage(functions.Distinct(StringComparer.Ordinal).ToList(), manifest));
    }

    /// <summary>The functions an installed portable plugin declares in its manifest; none when it cannot be read.</summary>
    public static IReadOnlyList<string> FunctionNames(string? manifestJson)
    {
        if (manifestJson is null)
        {
            return [];
        }
        try
        {
            return PortablePluginInfo.ReadManifest(string.Empty, manifestJson).Functions ?? [];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return [];
        }
    }

    private static string Normalise(string path) => path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;

    private static EntryResult<CheckedPackage> Fail(string message) => EntryResult<CheckedPackage>.Fail(message);
}
