using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Store;

/// <summary>
/// Every stored definition, bodies included: what a backup keeps and a dry run compares against. Unlike
/// <see cref="StoreSnapshot"/> it is as large as the store, so only those two load it (the export streams instead).
/// </summary>
public sealed record StoreContents(
    IReadOnlyList<StreamDefinition> Streams,
    IReadOnlyList<RuleDefinition> Rules,
    IReadOnlyList<ConfigKey> ConfigKeys,
    IReadOnlyList<ArtifactDefinition> Artifacts)
{
    public static async Task<StoreContents> LoadAsync(IEkuiperDbContext db, CancellationToken cancellationToken) => new(
        await db.Streams.AsNoTracking().ToListAsync(cancellationToken),
        await db.Rules.AsNoTracking().ToListAsync(cancellationToken),
        await db.ConfigKeys.AsNoTracking().ToListAsync(cancellationToken),
        await db.Artifacts.AsNoTracking().ToListAsync(cancellationToken));

    /// <summary>The contents as an import/export document.</summary>
    public Ruleset ToRuleset() => RulesetComposer.Compose(Streams, Rules, ConfigKeys, Artifacts);
}
