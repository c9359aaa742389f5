using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Artifacts;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Rules;
using Ekuiper.Domain.Ruleset.Validation;
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

    /// <summary>
    /// The stored streams and tables whose SHARED option is on: eKuiper refuses a replace that changes it. Only the
    /// statements that can name the option are read and parsed (<see cref="StreamEntryValidator.MayNameShared"/>).
    /// </summary>
    public IReadOnlySet<string> SharedStreams { get; init; } = new HashSet<string>(StringComparer.Ordinal);

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
        // The same test as MayNameShared, in SQL: upper() leaves non-ASCII as it is, which MayNameShared allows for.
        var mayBeShared = await db.Streams.AsNoTracking()
            .Where(s => s.Statement.ToUpper().Contains(StreamEntryValidator.SharedKeyLetters) || s.Statement.Contains("\\"))
            .Select(s => new { s.Name, s.Statement })
            .ToListAsync(cancellationToken);
        var rules = await db.Rules.AsNoTracking()
            .Select(r => new { r.Id, r.Version })
            .ToDictionaryAsync(r => r.Id, r => r.Version, StringComparer.Ordinal, cancellationToken);
        var artifacts = await db.Artifacts.AsNoTracking()
            .Select(a => new { a.Kind, a.Key })
            .ToListAsync(cancellationToken);
        return new StoreSnapshot(streams, rules, artifacts.Select(a => (a.Kind, a.Key)).ToHashSet())
        {
            SharedStreams = mayBeShared.Where(s => StreamEntryValidator.IsShared(s.Statement)).Select(s => s.Name)
                .ToHashSet(StringComparer.Ordinal),
            Functions = functions is null ? [] : await functions.ListAsync(cancellationToken),
            PortablePlugins = functions is null ? [] : await functions.PortablePluginsAsync(cancellationToken),
        };
    }
}
