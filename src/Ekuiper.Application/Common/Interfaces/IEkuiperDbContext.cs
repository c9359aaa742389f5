using Ekuiper.Domain.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ekuiper.Application.Common.Interfaces;

/// <summary>The store of definitions, as the use cases see it. Implemented over SQLite or PostgreSQL in Infrastructure.</summary>
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

    /// <summary>The bytes of installed artifacts and posted uploads, by SHA-256; see <c>Store/ArtifactBlobs</c>.</summary>
    DbSet<ArtifactBlob> ArtifactBlobs { get; }

    /// <summary>Files posted to /config/uploads: not exported, but kept so that every server installs them.</summary>
    DbSet<UploadedFile> UploadedFiles { get; }

    /// <summary>The EF context itself, which the compiled hot reads (<c>Common/Queries/HotReads</c>) run on.</summary>
    DbContext Context { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A write transaction that holds the store's one write lock from its start (SQLite: <c>BEGIN IMMEDIATE</c>;
    /// PostgreSQL: a transaction-level advisory lock taken first), so that writers serialise across processes. Only
    /// <c>StoreWriteBehaviour</c> calls it: every write is one unit of work there.
    /// </summary>
    Task<IDbContextTransaction> BeginWriteAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A read-only transaction: every query until it is disposed sees one committed state of the store, without taking
    /// the write lock (a running import neither blocks it nor shows through half way).
    /// </summary>
    Task<IAsyncDisposable> BeginReadSnapshotAsync(CancellationToken cancellationToken);

    /// <summary>
    /// In the current write transaction, moves background task <paramref name="taskId"/> from running to
    /// <paramref name="outcome"/>, if its row still names <paramref name="owner"/> and no cancel was asked for: the
    /// outcome then commits with the import's data, or not at all.
    /// </summary>
    /// <returns>
    /// Whether the row moved; null when this provider keeps task rows in a database of their own (SQLite), where
    /// the caller records the outcome after the commit.
    /// </returns>
    Task<bool?> RecordTaskOutcomeAsync(string taskId, string owner, Store.TaskOutcome outcome, CancellationToken cancellationToken);

    /// <summary>Forgets every tracked entity, so a long import does not keep its rows in memory.</summary>
    void ClearTracked();

    /// <summary>
    /// Writes <paramref name="rows"/> in the current transaction, each replacing any stored row with the same key,
    /// with one prepared statement and no change tracking: for imports, where tracking 100,000 entities costs far
    /// more time and memory than writing them. Entities given here are not tracked afterwards. A row equal to the one
    /// stored is left alone. Rows with the same key in one call: the last one wins.
    /// </summary>
    /// <returns>How many rows were inserted or really changed (an identical row counts none).</returns>
    /// <exception cref="Exceptions.InvalidRequestException">A text holds U+0000, which no provider stores alike.</exception>
    Task<int> UpsertRangeAsync<TEntity>(IReadOnlyCollection<TEntity> rows, CancellationToken cancellationToken)
        where TEntity : class;
}
