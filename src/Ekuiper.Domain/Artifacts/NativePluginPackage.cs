using System.Text.Json;
using System.Text.RegularExpressions;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Domain.Ruleset.Validation;

namespace Ekuiper.Domain.Artifacts;

/// <summary>
/// What eKuiper expects in a native plugin zip: at its top the shared library named after the plugin (<c>name.so</c>,
/// <c>Name.so</c> or <c>name@v1.0.so</c>), for a source also its configuration <c>name.yaml</c>; optionally the
/// metadata <c>name.json</c>, an <c>install.sh</c> (required when shell parameters are given) and <c>etc/</c> files.
/// </summary>
public static class NativePluginPackage
{
    public const string InstallScript = "install.sh";

    public static EntryResult<CheckedPackage> Check(string pluginKind, PackageEntry entry, IPackageContents contents)
    {
        var name = entry.Name;
        var topLevel = contents.Files.Where(f => !f.Contains('/')).ToList();
        var libraryPattern = LibraryPattern(name);
        var libraries = topLevel.Where(f => libraryPattern.IsMatch(f)).Order(StringComparer.Ordinal).ToList();
        if (libraries.Count == 0)
        {
            return Fail($"invalid zip file: no plugin library: expected {name}.so, {UpperFirst(name)}.so or {name}@<version>.so at the top of the zip");
        }
        if (libraries.Count > 1)
        {
            return Fail($"invalid zip file: more than one plugin library: {string.Join(", ", libraries)}");
        }
        if (pluginKind == "sources" && !topLevel.Contains(name + ".yaml"))
        {
            return Fail($"invalid zip file: a source plugin needs its configuration file {name}.yaml at the top of the zip");
        }
        if (entry.ShellParas.Count > 0 && !topLevel.Contains(InstallScript))
        {
            return Fail($"have shell parameters : [{string.Join(" ", entry.ShellParas)}] but no install.sh file");
        }
        var metadata = contents.ReadText(name + ".json");
        if (metadata is not null && MetadataError(metadata) is { } metadataError)
        {
            return Fail($"invalid metadata file {name}.json: {metadataError}");
        }
        IReadOnlyList<string> functions = pluginKind == "functions" ? FunctionNames(entry, metadata) : [];
        return EntryResult<CheckedPackage>.Ok(new CheckedPackage(functions));
    }

    /// <summary>
    /// The functions a function plugin provides: those its entry declares, else those its metadata file lists, else the
    /// one function named after the plugin (eKuiper's default).
    /// </summary>
    public static IReadOnlyList<string> FunctionNames(PackageEntry entry, string? metadataJson)
    {
        if (entry.Functions is { Count: > 0 } declared)
        {
            return declared.Distinct(StringComparer.Ordinal).ToList();
        }
        if (metadataJson is not null && MetadataError(metadataJson) is null)
        {
            using var document = JsonText.ParseUntrusted(metadataJson);
            if (document.RootElement.TryGetProperty("functions", out var listed) && listed.ValueKind == JsonValueKind.Array)
            {
                var names = listed.EnumerateArray()
                    .Where(f => f.ValueKind == JsonValueKind.Object && f.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
                    .Select(f => f.GetProperty("name").GetString()!)
                    .Where(n => n.Length > 0)
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                if (names.Count > 0)
                {
                    return names;
                }
            }
        }
        return [entry.Name];
    }

    /// <summary>The plugin's library among <paramref name="files"/> (names at the top of its folder); null when none is.</summary>
    public static string? LibraryOf(string name, IEnumerable<string> files) =>
        files.Where(f => !f.Contains('/') && LibraryPattern(name).IsMatch(f)).Order(StringComparer.Ordinal).FirstOrDefault();

    /// <summary>
    /// The version eKuiper's describe answers for a library file: what follows '@' in its name, less a leading "v"
    /// ("Random@v1.0.0.so" is 1.0.0); empty for a library without one ("random.so").
    /// </summary>
    public static string VersionOf(string libraryFileName)
    {
        var stem = libraryFileName.Split(".so")[0];
        var parts = stem.Split('@');
        var version = parts.Length > 1 ? parts[1] : string.Empty;
        return version.StartsWith('v') ? version[1..] : version;
    }

    private static Regex LibraryPattern(string name) =>
        new($"^({Regex.Escape(name)}|{Regex.Escape(UpperFirst(name))})(@.*)?\\.so$", RegexOptions.CultureInvariant);

    private static string UpperFirst(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    private static string? MetadataError(string json)
    {
        try
        {
            using var document = JsonText.ParseUntrusted(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? null : "it must be a JSON object";
        }
        catch (JsonException e)
        {
            return e.Message;
        }
    }

    private static EntryResult<CheckedPackage> Fail(string message) => EntryResult<CheckedPackage>.Fail(message);
}
