using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Artifacts;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Rules;
using Ekuiper.Domain.Sql;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Store;

/// <summary>
/// What an import must know of the store before it writes: names, versions and the functions installed artifacts provide —
/// never the bodies of streams or rules, so that a partial import into a large store stays cheap. A full import
/// plans against <see cref="Empty"/>.
/// </summary>
public sealed record StoreSnapshot(
    IReadOnlyDictionary<string, (StreamKind Kind, string? Version)> Streams,
    IReadOnlyDictionary<string, string?> RuleVersions,
    IReadOnlySet<(ArtifactKind Kind, string Key)> ArtifactKeys)
{
    public static readonly StoreSnapshot Empty = new(
        new Dictionary<string, (StreamKind, string?)>(),
        new Dictionary<string, string?>(),
        new HashSet<(ArtifactKind, string)>());

    /// <summary>The SQL functions the stored scripts, plugins and services provide.</summary>
    public IReadOnlyList<DeclaredFunction> Functions { get; init; } = [];

    /// <summary>The stored portable plugins' manifests, for the source and sink types they provide (read with <see cref="Functions"/>).</summary>
    public IReadOnlyList<PortablePluginInfo> PortablePlugins { get; init; } = [];

    /// <param name="functions">The catalogue to read <see cref="Functions"/> and <see cref="PortablePlugins"/> from; null
    /// when no rule is to be checked, since only rule checks need them.</param>
    public static async Task<StoreSnapshot> LoadAsync(IEkuiperDbContext db, IFunctionCatalogue? functions, CancellationToken cancellationToken)
    {
        var streams = await db.Streams.AsNoTracking()
            .Select(s => new { s.Name, s.Kind, s.Version })
            .ToDictionaryAsync(s => s.Name, s => (s.Kind, s.Version), StringComparer.Ordinal, cancellationToken);
        var rules = await db.Rules.AsNoTracking()
            .Select(r => new { r.Id, r.Version })
            .ToDictionaryAsync(r => r.Id, r => r.Version, StringComparer.Ordinal, cancellationToken);
        var artifacts = await db.Artifacts.AsNoTracking()
            .Select(a => new { a.Kind, a.Key })
            .ToListAsync(cancellationToken);
        return new StoreSnapshot(streams, rules, artifacts.Select(a => (a.Kind, a.Key)).ToHashSet())
        {
            Functions = functions is null ? [] : await functions.ListAsync(cancellationToken),
            PortablePlugins = functions is null ? [] : await functions.PortablePluginsAsync(cancellationToken),
        };
    }
}
