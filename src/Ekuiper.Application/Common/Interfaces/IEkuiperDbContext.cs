using Ekuiper.Domain.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ekuiper.Application.Common.Interfaces;

/// <summary>The store of definitions, as the use cases see it. Implemented over SQLite in Infrastructure.</summary>
public interface IEkuiperDbContext
{
    DbSet<StreamDefinition> Streams { get; }
    DbSet<RuleDefinition> Rules { get; }
    DbSet<ConfigKey> ConfigKeys { get; }
    DbSet<ArtifactDefinition> Artifacts { get; }
    DbSet<ImportStatusRecord> ImportStatuses { get; }

    /// <summary>The one row holding the store's revision; see <c>DataImport/StoreRevision</c>.</summary>
    DbSet<StoreState> StoreStates { get; }
    DbSet<BackupRecord> Backups { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>A write transaction: it takes the store's write lock at once (SQLite's BEGIN IMMEDIATE).</summary>
    Task<IDbContextTransaction> BeginTransactionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A read-only transaction: every query until it is disposed sees one committed state of the store, without taking
    /// the write lock (a running import neither blocks it nor shows through half way).
    /// </summary>
    Task<IAsyncDisposable> BeginReadSnapshotAsync(CancellationToken cancellationToken);

    /// <summary>Forgets every tracked entity, so a long import does not keep its rows in memory.</summary>
    void ClearTracked();

    /// <summary>
    /// Writes <paramref name="rows"/> in the current transaction, each replacing any stored row with the same key,
    /// with one prepared statement and no change tracking: for imports, where tracking 100,000 entities costs far
    /// more time and memory than writing them. Entities given here are not tracked afterwards.
    /// </summary>
    Task UpsertRangeAsync<TEntity>(IReadOnlyCollection<TEntity> rows, CancellationToken cancellationToken)
        where TEntity : class;
}
