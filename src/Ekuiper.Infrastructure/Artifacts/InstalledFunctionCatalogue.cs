using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Artifacts;
using Ekuiper.Domain.Definitions;
using Microsoft.EntityFrameworkCore;

using Ekuiper.Domain.Rules;

namespace Ekuiper.Infrastructure.Artifacts;

/// <summary>
/// Reads the functions of the installed artifacts from the store: the names each installation recorded on the row
/// (<see cref="ArtifactDefinition.FunctionsJson"/>), a script's id — so that every server on the store judges a rule
/// alike, whatever its data directory holds. Only rows of older versions, which recorded none, are read back from the
/// installed files, with the same checks that accepted them (a function plugin's entry or metadata, a portable
/// plugin's manifest, a service's descriptor and schemas).
/// </summary>
public sealed class InstalledFunctionCatalogue(IEkuiperDbContext db, ArtifactStore store) : IFunctionCatalogue
{
    public async Task<IReadOnlyList<DeclaredFunction>> ListAsync(CancellationToken cancellationToken)
    {
        var artifacts = await db.Artifacts.AsNoTracking()
            .Where(a => a.Kind == ArtifactKind.Script || a.Kind == ArtifactKind.Service || a.Kind == ArtifactKind.PortablePlugin
                        || (a.Kind == ArtifactKind.NativePlugin && a.Key.StartsWith("functions_")))
            .ToListAsync(cancellationToken);
        return artifacts
            .SelectMany(artifact => FunctionsOf(artifact).Select(name => DeclaredFunction.Of(name, artifact)))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
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
