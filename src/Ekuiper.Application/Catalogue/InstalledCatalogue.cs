using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Ekuiper.Application.Catalogue.Queries;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset.Validation;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Catalogue;

/// <summary>One type of the catalogue: its name, its description and eKuiper's name for who provides it.</summary>
public sealed record CatalogueEntry(string Name, JsonElement Description, string ExtensionType);

/// <summary>A function metadata file: its file name (eKuiper lists them in file-name order) and its JSON.</summary>
public sealed record FunctionMetadataFile(string FileName, JsonElement Content);

/// <summary>
/// What the stored plugins add to the catalogue, read from the metadata files each one's bundle holds (as eKuiper reads
/// the files its install copied): a native source or sink plugin's <c>name.json</c> (type "native"), a portable
/// plugin's <c>sources/&lt;type&gt;.json</c> and <c>sinks/&lt;type&gt;.json</c> for the types its manifest declares
/// (type "portable"), a native function plugin's <c>name.json</c> and a portable plugin's <c>functions/*.json</c>.
/// A plugin without a readable metadata file adds nothing, as in eKuiper. Rows of older versions, which have no bundle,
/// are read from this server's installed files.
/// </summary>
public sealed class InstalledCatalogue(IEkuiperDbContext db, IArtifactInstaller installed, IFunctionCatalogue functions)
{
    public const string Native = "native";
    public const string Portable = "portable";

    /// <summary>The built-in entries of <paramref name="kind"/> and the plugins' ones (a plugin's replaces a built-in of its name), by name.</summary>
    public async Task<IReadOnlyList<CatalogueEntry>> ListAsync(CatalogueKind kind, CancellationToken cancellationToken)
    {
        var entries = MetadataCatalogue.List(kind)
            .ToDictionary(entry => entry.Key, entry => new CatalogueEntry(entry.Key, entry.Value, CatalogueJson.BuiltinType), StringComparer.Ordinal);
        foreach (var entry in await PluginEntriesAsync(kind, cancellationToken))
        {
            entries[entry.Name] = entry;
        }
        return entries.Values.OrderBy(entry => entry.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<CatalogueEntry?> FindAsync(CatalogueKind kind, string type, CancellationToken cancellationToken) =>
        (await ListAsync(kind, cancellationToken)).FirstOrDefault(entry => entry.Name == type);

    /// <summary>The function metadata files of the stored plugins, by file name; files that are not JSON are left out.</summary>
    public async Task<IReadOnlyList<FunctionMetadataFile>> FunctionFilesAsync(CancellationToken cancellationToken)
    {
        var files = new List<FunctionMetadataFile>();
        foreach (var plugin in await PluginsAsync(cancellationToken))
        {
            if (plugin.Row.Kind == ArtifactKind.NativePlugin)
            {
                if (plugin.PluginKind == "functions" && plugin.Read($"{plugin.Folder}/{plugin.Name}.json") is { } text && Json(text) is { } json)
                {
                    files.Add(new FunctionMetadataFile(plugin.Name + ".json", json));
                }
                continue;
            }
            foreach (var path in plugin.FilesIn($"{plugin.Folder}/functions/").Where(p => p.EndsWith(".json", StringComparison.Ordinal)))
            {
                if (plugin.Read(path) is { } text && Json(text) is { } json)
                {
                    files.Add(new FunctionMetadataFile(path[(path.LastIndexOf('/') + 1)..], json));
                }
            }
        }
        return files.OrderBy(file => file.FileName, StringComparer.Ordinal).ToList();
    }

    private async Task<List<CatalogueEntry>> PluginEntriesAsync(CatalogueKind kind, CancellationToken cancellationToken)
    {
        var pluginKind = kind == CatalogueKind.Source ? "sources" : "sinks";
        var entries = new List<CatalogueEntry>();
        var plugins = await PluginsAsync(cancellationToken);
        var manifests = plugins.Any(p => p.Row.Kind == ArtifactKind.PortablePlugin)
            ? (await functions.PortablePluginsAsync(cancellationToken)).ToDictionary(p => p.Name, StringComparer.Ordinal)
            : [];
        foreach (var plugin in plugins)
        {
            if (plugin.Row.Kind == ArtifactKind.NativePlugin)
            {
                // A native plugin's library cannot be asked here whether it also serves lookups: it is a scan source.
                if (plugin.PluginKind == pluginKind && Describe(kind, plugin.Read($"{plugin.Folder}/{plugin.Name}.json"), lookup: false) is { } native)
                {
                    entries.Add(new CatalogueEntry(plugin.Name, native, Native));
                }
                continue;
            }
            var manifest = manifests.GetValueOrDefault(plugin.Name);
            var types = (kind == CatalogueKind.Source ? manifest?.Sources : manifest?.Sinks) ?? [];
            foreach (var type in types.Distinct(StringComparer.Ordinal))
            {
                // eKuiper registers a portable source for scans only.
                if (Describe(kind, plugin.Read($"{plugin.Folder}/{pluginKind}/{type}.json"), lookup: false) is { } portable)
                {
                    entries.Add(new CatalogueEntry(type, portable, Portable));
                }
            }
        }
        return entries;
    }

    private static JsonElement? Describe(CatalogueKind kind, string? text, bool lookup) =>
        text is null ? null : kind == CatalogueKind.Source ? PluginMetadataFile.Source(text, scan: true, lookup) : PluginMetadataFile.Sink(text);

    private static JsonElement? Json(string text)
    {
        try
        {
            using var document = Domain.Ruleset.JsonText.ParseUntrusted(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<List<StoredPlugin>> PluginsAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Artifacts.AsNoTracking()
            .Where(a => a.Kind == ArtifactKind.NativePlugin || a.Kind == ArtifactKind.PortablePlugin)
            .ToListAsync(cancellationToken);
        var hashes = rows.Where(r => r.Sha256 is not null).Select(r => r.Sha256!).Distinct().ToList();
        var bundles = hashes.Count == 0
            ? []
            : await db.ArtifactBlobs.AsNoTracking().Where(b => hashes.Contains(b.Sha256))
                .ToDictionaryAsync(b => b.Sha256, b => b.Content, cancellationToken);
        var plugins = new List<StoredPlugin>();
        foreach (var row in rows.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            string pluginKind, name, folder;
            if (row.Kind == ArtifactKind.NativePlugin)
            {
                if (!ArtifactEntryValidator.TrySplitPluginKey(row.Key, out pluginKind, out name))
                {
                    continue;
                }
                folder = $"plugins/native/{pluginKind}/{name}";
            }
            else
            {
                (pluginKind, name, folder) = ("portables", row.Key, $"plugins/portable/{row.Key}");
            }
            var bundle = row.Sha256 is null ? null : bundles.GetValueOrDefault(row.Sha256);
            plugins.Add(new StoredPlugin(row, pluginKind, name, folder, bundle, installed));
        }
        return plugins;
    }

    /// <summary>A stored plugin and the files its installation wrote: its bundle's entries, else this server's files.</summary>
    private sealed class StoredPlugin(ArtifactDefinition row, string pluginKind, string name, string folder, byte[]? bundle, IArtifactInstaller installed)
    {
        public ArtifactDefinition Row { get; } = row;
        public string PluginKind { get; } = pluginKind;
        public string Name { get; } = name;

        /// <summary>Where the installation put the plugin's files, relative to the data directory (ArtifactLayout).</summary>
        public string Folder { get; } = folder;

        public string? Read(string path)
        {
            try
            {
                if (bundle is not null)
                {
                    using var zip = new ZipArchive(new MemoryStream(bundle), ZipArchiveMode.Read);
                    if (zip.GetEntry(path) is not { } entry)
                    {
                        return null;
                    }
                    using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                    return reader.ReadToEnd();
                }
                var file = installed.FullPathOf(path);
                return File.Exists(file) ? File.ReadAllText(file, Encoding.UTF8) : null;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>The files directly inside <paramref name="prefix"/> (a folder path ending in '/').</summary>
        public IEnumerable<string> FilesIn(string prefix)
        {
            try
            {
                if (bundle is not null)
                {
                    using var zip = new ZipArchive(new MemoryStream(bundle), ZipArchiveMode.Read);
                    return zip.Entries.Select(e => e.FullName)
                        .Where(p => p.StartsWith(prefix, StringComparison.Ordinal) && !p[prefix.Length..].Contains('/') && p.Length > prefix.Length)
                        .ToList();
                }
                var directory = installed.FullPathOf(prefix.TrimEnd('/'));
                return Directory.Exists(directory)
                    ? Directory.EnumerateFiles(directory).Select(f => prefix + Path.GetFileName(f)).ToList()
                    : [];
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                return [];
            }
        }
    }
}
