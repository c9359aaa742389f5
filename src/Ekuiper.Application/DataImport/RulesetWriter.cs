using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.DataImport;

/// <summary>
/// Writes an <see cref="ImportPlan"/> into the store inside the caller's transaction: set-based deletes and batched
/// inserts, never a round trip per row.
/// </summary>
public sealed class RulesetWriter(IEkuiperDbContext db)
{
    /// <summary>
    /// Rows per SaveChanges. Bounds what the change tracker holds, and gives progress reports and cancellation a point
    /// between batches; the caller's transaction still makes the whole import land at once or not at all.
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
        else
        {
            await DeleteReplacedAsync(plan, cancellationToken);
        }

        var written = 0;
        written = await InsertAsync(db.Streams, plan.Streams, written, onBatchWritten, cancellationToken);
        written = await InsertAsync(db.Rules, plan.Rules, written, onBatchWritten, cancellationToken);
        written = await InsertAsync(db.ConfigKeys, plan.ConfigKeys, written, onBatchWritten, cancellationToken);
        await InsertAsync(db.Artifacts, plan.Artifacts, written, onBatchWritten, cancellationToken);
    }

    private async Task<int> InsertAsync<T>(DbSet<T> set, List<T> rows, int written, Action<int>? onBatchWritten,
        CancellationToken cancellationToken) where T : class
    {
        foreach (var batch in rows.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            set.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
            db.ClearTracked();
            written += batch.Length;
            onBatchWritten?.Invoke(written);
        }
        return written;
    }

    /// <summary>Partial import: the entries the plan replaces are deleted first, so that the inserts act as upserts.</summary>
    private async Task DeleteReplacedAsync(ImportPlan plan, CancellationToken cancellationToken)
    {
        var streamNames = plan.Streams.Select(s => s.Name).ToList();
        if (streamNames.Count > 0)
        {
            await db.Streams.Where(s => streamNames.Contains(s.Name)).ExecuteDeleteAsync(cancellationToken);
        }
        var ruleIds = plan.Rules.Select(r => r.Id).ToList();
        if (ruleIds.Count > 0)
        {
            await db.Rules.Where(r => ruleIds.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
        }
        foreach (var group in plan.ConfigKeys.GroupBy(k => (k.Category, k.PluginType)))
        {
            var (category, pluginType) = group.Key;
            var names = group.Select(k => k.Name).ToList();
            await db.ConfigKeys
                .Where(k => k.Category == category && k.PluginType == pluginType && names.Contains(k.Name))
                .ExecuteDeleteAsync(cancellationToken);
        }
        foreach (var group in plan.Artifacts.GroupBy(a => a.Kind))
        {
            var kind = group.Key;
            var keys = group.Select(a => a.Key).ToList();
            await db.Artifacts.Where(a => a.Kind == kind && keys.Contains(a.Key)).ExecuteDeleteAsync(cancellationToken);
        }
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
