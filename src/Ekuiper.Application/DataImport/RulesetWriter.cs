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
    public async Task ApplyAsync(ImportPlan plan, ImportMode mode, CancellationToken cancellationToken, Action<int>? onBatchWritten = null)
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
        await UpsertAsync(plan.Artifacts, written, onBatchWritten, cancellationToken);
    }

    private async Task<int> UpsertAsync<T>(List<T> rows, int written, Action<int>? onBatchWritten,
        CancellationToken cancellationToken) where T : class
    {
        for (var start = 0; start < rows.Count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = rows.GetRange(start, Math.Min(BatchSize, rows.Count - start));
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
