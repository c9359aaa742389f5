using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.DataImport;

/// <summary>
/// Writes an <see cref="ImportPlan"/> into the store inside the caller's transaction: set-based deletes and batched,
/// untracked upserts (<see cref="IEkuiperDbContext.UpsertRangeAsync{TEntity}"/>), never a tracked entity per row.
/// </summary>
public sealed class RulesetWriter(IEkuiperDbContext db)
{
    /// <summary>
    /// Rows per write. Gives progress reports and cancellation a point between batches; the caller's transaction still
    /// makes the whole import land at once or not at all.
    /// </summary>
    public const int BatchSize = 1000;

    /// <param name="onBatchWritten">Called after each batch with the number of entries written so far.</param>
    /// <returns>The number of entries written.</returns>
    public async Task<int> ApplyAsync(ImportPlan plan, ImportMode mode, CancellationToken cancellationToken, Action<int>? onBatchWritten = null)
    {
        if (mode == ImportMode.Reset)
        {
            await db.Streams.ExecuteDeleteAsync(cancellationToken);
            await db.Rules.ExecuteDeleteAsync(cancellationToken);
            await db.ConfigKeys.ExecuteDeleteAsync(cancellationToken);
            await db.Artifacts.ExecuteDeleteAsync(cancellationToken);
        }

        // Every row is an upsert (it replaces the stored row with the same key): that is what a partial import does
        // with the entries it replaces, and after a reset there is nothing to replace.
        var written = 0;
        written = await UpsertAsync(plan.Streams, written, onBatchWritten, cancellationToken);
        written = await UpsertAsync(plan.Rules, written, onBatchWritten, cancellationToken);
        written = await UpsertAsync(plan.ConfigKeys, written, onBatchWritten, cancellationToken);
        return await UpsertAsync(plan.Artifacts, written, onBatchWritten, cancellationToken);
    }

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
            await db.UpsertRangeAsync(batch, cancellationToken);
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
