using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Store;

/// <summary>
/// Writes an <see cref="ImportPlan"/> into the store inside the caller's transaction: batched, untracked upserts
/// (<see cref="IEkuiperDbContext.UpsertRangeAsync{TEntity}"/>), never a tracked entity per row. It counts the rows that
/// really changed (<see cref="ChangedRows"/>), so that an import that lands what is already stored changes nothing,
/// not even the revision.
/// </summary>
public sealed class RulesetWriter(IEkuiperDbContext db)
{
    /// <summary>
    /// Rows per write. Gives progress reports and cancellation a point between batches; the caller's transaction still
    /// makes the whole import land at once or not at all.
    /// </summary>
    public const int BatchSize = 1000;

    /// <summary>The keys written so far, per kind of row, while a full import runs; null in partial mode.</summary>
    private Dictionary<Type, HashSet<string>>? _written;

    /// <summary>Rows inserted, changed or deleted so far (rows rewritten as they were count none).</summary>
    public int ChangedRows { get; private set; }

    /// <param name="onBatchWritten">Called after each batch with the number of entries written so far.</param>
    /// <returns>The number of entries written.</returns>
    /// <remarks>
    /// A full import (<see cref="ImportMode.Reset"/>) leaves the stored rows in place and writes over them; what it does
    /// not write is deleted by <see cref="FinishAsync"/>. So rows that come back unchanged are not counted as changes.
    /// </remarks>
    public async Task<int> ApplyAsync(ImportPlan plan, ImportMode mode, CancellationToken cancellationToken, Action<int>? onBatchWritten = null)
    {
        _written = mode == ImportMode.Reset ? [] : null;

        // Every row is an upsert (it replaces the stored row with the same key): that is what a partial import does
        // with the entries it replaces, and in a full import the rows it does not name go afterwards.
        var written = 0;
        written = await UpsertAsync(plan.Streams, written, onBatchWritten, cancellationToken);
        written = await UpsertAsync(plan.Rules, written, onBatchWritten, cancellationToken);
        written = await UpsertAsync(plan.ConfigKeys, written, onBatchWritten, cancellationToken);
        return await UpsertAsync(plan.Artifacts, written, onBatchWritten, cancellationToken);
    }

    /// <summary>
    /// Writes the bundles of the artifacts written (blobs the store lacks), and drops the posted uploads these
    /// artifacts replace on disk: all of them in a full import, which replaces the uploads directory whole, else those
    /// an imported upload of the same name overwrites. Neither counts as a change: the revision counts definitions.
    /// </summary>
    public async Task WriteArtifactFilesAsync(IArtifactStaging staging, ImportPlan plan, ImportMode mode, CancellationToken cancellationToken)
    {
        await ArtifactBlobs.WriteMissingAsync(db, ArtifactBlobs.BundlesOf(staging, plan.Artifacts), cancellationToken);
        if (mode == ImportMode.Reset)
        {
            await db.UploadedFiles.ExecuteDeleteAsync(cancellationToken);
            return;
        }
        var uploads = plan.Artifacts.Where(a => a.Kind == ArtifactKind.Upload).Select(a => a.Key).ToList();
        if (uploads.Count > 0)
        {
            await db.UploadedFiles.Where(u => uploads.Contains(u.Name)).ExecuteDeleteAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Ends a full import: deletes every stored stream, table, rule, config key and artifact that it did not write.
    /// A table holding exactly the rows written is not read at all.
    /// </summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (_written is null)
        {
            return;
        }
        ChangedRows += await DeleteUnwrittenAsync(db.Streams, s => s.Name, names => s => names.Contains(s.Name), cancellationToken);
        ChangedRows += await DeleteUnwrittenAsync(db.Rules, r => r.Id, ids => r => ids.Contains(r.Id), cancellationToken);
        ChangedRows += await DeleteUnwrittenRowsAsync(db.ConfigKeys, cancellationToken);
        ChangedRows += await DeleteUnwrittenRowsAsync(db.Artifacts, cancellationToken);
        _written = null;
    }

    /// <summary>For a table keyed by one text column: reads only the keys, deletes the stale ones in batches.</summary>
    private async Task<int> DeleteUnwrittenAsync<T>(DbSet<T> table, Expression<Func<T, string>> key,
        Func<List<string>, Expression<Func<T, bool>>> withKeys, CancellationToken cancellationToken) where T : class
    {
        if (!await HasStaleRowsAsync(table, cancellationToken))
        {
            return 0;
        }
        var written = WrittenKeys<T>();
        var stale = (await table.Select(key).ToListAsync(cancellationToken)).Where(k => !written.Contains(k)).ToList();
        var deleted = 0;
        for (var start = 0; start < stale.Count; start += BatchSize)
        {
            var batch = stale.GetRange(start, Math.Min(BatchSize, stale.Count - start));
            deleted += await table.Where(withKeys(batch)).ExecuteDeleteAsync(cancellationToken);
        }
        return deleted;
    }

    /// <summary>For config keys and artifacts (composite keys, tens of rows): removed through the change tracker.</summary>
    private async Task<int> DeleteUnwrittenRowsAsync<T>(DbSet<T> table, CancellationToken cancellationToken) where T : class
    {
        if (!await HasStaleRowsAsync(table, cancellationToken))
        {
            return 0;
        }
        var written = WrittenKeys<T>();
        table.RemoveRange((await table.ToListAsync(cancellationToken)).Where(row => !written.Contains(RowKey(row))));
        var deleted = await db.SaveChangesAsync(cancellationToken);
        db.ClearTracked();
        return deleted;
    }

    /// <summary>
    /// Every written key is stored by now, so a table holds more rows than were written exactly when some are stale;
    /// one that holds just the rows written is not read at all.
    /// </summary>
    private async Task<bool> HasStaleRowsAsync<T>(DbSet<T> table, CancellationToken cancellationToken) where T : class =>
        await table.CountAsync(cancellationToken) > WrittenKeys<T>().Count;

    private HashSet<string> WrittenKeys<T>() => _written!.GetValueOrDefault(typeof(T)) ?? [];

    /// <summary>A row's primary key as one text, to tell written rows from stale ones.</summary>
    private static string RowKey(object row) => row switch
    {
        StreamDefinition stream => stream.Name,
        RuleDefinition rule => rule.Id,
        ConfigKey key => $"{key.Category}\u0000{key.PluginType}\u0000{key.Name}",
        ArtifactDefinition artifact => $"{artifact.Kind}\u0000{artifact.Key}",
        _ => throw new ArgumentException($"{row.GetType().Name} is not written by imports", nameof(row)),
    };

    /// <summary>
    /// Writes entries as they are checked (<see cref="ImportPlanner.CheckStreamsInBatches"/>,
    /// <see cref="ImportPlanner.CheckRulesInBatches"/>): the next batch is checked on other threads while this one is
    /// written, so checking and writing overlap instead of taking turns, and only two batches of definitions are in
    /// memory at a time.
    /// </summary>
    /// <param name="written">Entries written before these; the count goes on from there.</param>
    /// <param name="onBatchChecked">Told of each batch as its turn to be written comes, before it is written.</param>
    /// <param name="onBatchWritten">Called after each write with the number of entries written so far.</param>
    /// <returns>The number of entries written, <paramref name="written"/> included.</returns>
    public async Task<int> WriteAsCheckedAsync<T>(IEnumerable<CheckedBatch<T>> batches, int written, Action<CheckedBatch<T>>? onBatchChecked,
        Action<int>? onBatchWritten, CancellationToken cancellationToken) where T : class
    {
        using var producer = batches.GetEnumerator();
        var next = CheckNext(producer, cancellationToken);
        try
        {
            while (await next is { } batch)
            {
                next = CheckNext(producer, cancellationToken);
                onBatchChecked?.Invoke(batch);
                written = await UpsertAsync(batch.Passed, written, onBatchWritten, cancellationToken);
            }
        }
        finally
        {
            // The producer must be done with the enumerator before it is disposed, whatever stopped the writing.
            await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        return written;
    }

    private static Task<CheckedBatch<T>?> CheckNext<T>(IEnumerator<CheckedBatch<T>> producer, CancellationToken cancellationToken) =>
        Task.Run(() => producer.MoveNext() ? producer.Current : null, cancellationToken);

    private async Task<int> UpsertAsync<T>(List<T> rows, int written, Action<int>? onBatchWritten,
        CancellationToken cancellationToken) where T : class
    {
        for (var start = 0; start < rows.Count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A checked batch is one write batch already; only a whole plan's list is cut.
            var batch = rows.Count <= BatchSize ? rows : rows.GetRange(start, Math.Min(BatchSize, rows.Count - start));
            ChangedRows += await db.UpsertRangeAsync(batch, cancellationToken);
            if (_written is not null)
            {
                if (!_written.TryGetValue(typeof(T), out var keys))
                {
                    _written[typeof(T)] = keys = new HashSet<string>(StringComparer.Ordinal);
                }
                foreach (var row in batch)
                {
                    keys.Add(RowKey(row));
                }
            }
            written += batch.Count;
            onBatchWritten?.Invoke(written);
        }
        return written;
    }

    /// <summary>Replaces the persisted import status with <paramref name="report"/>.</summary>
    public async Task SaveStatusAsync(ImportReport report, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await db.ImportStatuses.ExecuteDeleteAsync(cancellationToken);
        db.ImportStatuses.Add(new ImportStatusRecord
        {
            ReportJson = System.Text.Encoding.UTF8.GetString(RulesetDocument.Write(report)),
            UpdatedAt = at,
        });
        await db.SaveChangesAsync(cancellationToken);
        db.ClearTracked();
    }
}
