using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Artifacts;
using Ekuiper.Domain.Definitions;
using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

using Ekuiper.Domain.Rules;

namespace Ekuiper.Infrastructure.Artifacts;

/// <summary>
/// Reads the functions of the installed artifacts from the store: the names each installation recorded on the row
/// (<see cref="ArtifactDefinition.FunctionsJson"/>), a script's id — so that every server on the store judges a rule
/// alike, whatever its data directory holds. Only rows of older versions, which recorded none, are read back from the
/// installed files, with the same checks that accepted them (a function plugin's entry or metadata, a portable
/// plugin's manifest, a service's descriptor and schemas). Portable plugins' manifests are read likewise
/// (<see cref="ArtifactDefinition.PluginInfoJson"/>; for older rows their bundle, else their files).
/// </summary>
public sealed class InstalledFunctionCatalogue(IEkuiperDbContext db, ArtifactStore store) : IFunctionCatalogue
{
    /// <summary>The rows that can provide functions: scripts, services, portable plugins and function plugins.</summary>
    private static readonly Expression<Func<ArtifactDefinition, bool>> ProvidesFunctions = a =>
        a.Kind == ArtifactKind.Script || a.Kind == ArtifactKind.Service || a.Kind == ArtifactKind.PortablePlugin
        || (a.Kind == ArtifactKind.NativePlugin && a.Key.StartsWith("functions_"));

    private static readonly Func<ArtifactDefinition, bool> ProvidesFunctionsInMemory = ProvidesFunctions.Compile();

    public async Task<IReadOnlyList<DeclaredFunction>> ListAsync(CancellationToken cancellationToken) =>
        Declared(await db.Artifacts.AsNoTracking().Where(ProvidesFunctions).ToListAsync(cancellationToken));

    public IReadOnlyList<DeclaredFunction> Of(IEnumerable<ArtifactDefinition> artifacts) =>
        Declared(artifacts.Where(ProvidesFunctionsInMemory));

    private List<DeclaredFunction> Declared(IEnumerable<ArtifactDefinition> artifacts) => artifacts
        .SelectMany(artifact => FunctionsOf(artifact).Select(name => DeclaredFunction.Of(name, artifact)))
        .OrderBy(f => f.Name, StringComparer.Ordinal)
        .ToList();

    public async Task<IReadOnlyList<PortablePluginInfo>> PortablePluginsAsync(CancellationToken cancellationToken)
    {
        var plugins = await db.Artifacts.AsNoTracking().Where(a => a.Kind == ArtifactKind.PortablePlugin).ToListAsync(cancellationToken);
        var infos = new List<PortablePluginInfo>(plugins.Count);
        foreach (var plugin in plugins)
        {
            infos.Add(PortablePluginInfo.Read(plugin.PluginInfoJson) ?? await ManifestOfOlderRowAsync(plugin, cancellationToken));
        }
        return infos.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The manifest of a row recorded before manifests were kept: from its bundle when the store holds one (the same on
    /// every server), else from this server's installed files; only the name when neither can be read.
    /// </summary>
    private async Task<PortablePluginInfo> ManifestOfOlderRowAsync(ArtifactDefinition plugin, CancellationToken cancellationToken)
    {
        var manifestName = plugin.Key + ".json";
        string? text = null;
        var bundle = plugin.Sha256 is null
            ? null
            : await db.ArtifactBlobs.AsNoTracking().Where(b => b.Sha256 == plugin.Sha256).Select(b => b.Content).FirstOrDefaultAsync(cancellationToken);
        try
        {
            if (bundle is not null)
            {
                using var package = ZipPackage.Open(bundle);
                text = package.ReadText($"{ArtifactLayout.PortablePlugin(plugin.Key)}/{manifestName}");
            }
            else if (plugin.InstalledPath is not null)
            {
                text = new DirectoryPackage(SafePath.Resolve(store.DataDirectory, plugin.InstalledPath)).ReadText(manifestName);
            }
            if (text is not null)
            {
                return PortablePluginInfo.ReadManifest(plugin.Key, text) with { Name = plugin.Key };
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or InvalidPackageException or InvalidDataException or IOException)
        {
            // Described by its name only, as below.
        }
        return new PortablePluginInfo(plugin.Key, string.Empty, string.Empty, string.Empty, null, null, null, null, null);
    }

    private IEnumerable<string> FunctionsOf(ArtifactDefinition artifact)
    {
        if (artifact.Kind == ArtifactKind.Script)
        {
            return [ArtifactEntries.ReadScript(artifact.Json).Id];
        }
        if (FunctionList.Read(artifact.FunctionsJson) is { } recorded)
        {
            return recorded;
        }
        if (artifact.InstalledPath is null)
        {
            return [];
        }
        var installed = new DirectoryPackage(SafePath.Resolve(store.DataDirectory, artifact.InstalledPath));
        var entry = ArtifactEntries.ReadPackage(artifact.Json);
        return artifact.Kind switch
        {
            ArtifactKind.NativePlugin => NativePluginPackage.FunctionNames(entry, installed.ReadText(entry.Name + ".json")),
            ArtifactKind.PortablePlugin => PortablePluginPackage.FunctionNames(installed.ReadText(entry.Name + ".json")),
            _ => ServicePackage.Check(entry.Name, installed) is { IsValid: true } service ? service.Value!.Functions : [],
        };
    }
}
