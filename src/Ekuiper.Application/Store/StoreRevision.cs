using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Common.Queries;
using Ekuiper.Domain.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Store;

/// <summary>
/// The store's revision: a number every change bumps inside its own transaction, sent as the export's ETag. Only the
/// store write (<c>StoreWriteBehaviour</c>) calls <see cref="BumpAsync"/>, once, when its handler changed something, so
/// that the number and the data can never disagree.
/// </summary>
public static class StoreRevision
{
    /// <summary>The revision (0 for a store that lost its row): read by every write and every export.</summary>
    public static async Task<long> ReadAsync(IEkuiperDbContext db, CancellationToken cancellationToken) =>
        await HotReads.Revision(db.Context, cancellationToken) ?? 0;

    /// <summary>Adds one to the revision, inside the transaction of the change it counts.</summary>
    /// <returns>The new revision.</returns>
    public static async Task<long> BumpAsync(IEkuiperDbContext db, CancellationToken cancellationToken)
    {
        var updated = await db.StoreStates
            .Where(s => s.Id == StoreState.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Revision, x => x.Revision + 1), cancellationToken);
        if (updated == 0)
        {
            // The migration seeds the row; a store that lost it starts counting again rather than never counting.
            db.StoreStates.Add(new StoreState { Id = StoreState.SingletonId, Revision = 1 });
            await db.SaveChangesAsync(cancellationToken);
            db.ClearTracked();
        }
        return await ReadAsync(db, cancellationToken);
    }

    /// <summary>
    /// Refuses the request when <paramref name="expected"/> (the revisions its If-Match names; null for none) does not
    /// hold <paramref name="current"/>. Call it inside the transaction that then writes, so no change slips in between.
    /// </summary>
    /// <exception cref="StaleRevisionException">The store has moved on since the caller read it.</exception>
    public static void Require(long current, IReadOnlyCollection<long>? expected)
    {
        if (expected is null || expected.Contains(current))
        {
            return;
        }
        var wanted = expected.Count switch
        {
            0 => "a revision this store never has",
            1 => $"revision {expected.First()}",
            _ => "one of revisions " + string.Join(", ", expected.Order()),
        };
        throw new StaleRevisionException(
            $"precondition failed: If-Match expects {wanted}, but the store is at revision {current}; it was changed since " +
            "you read it. Nothing was imported: export again (its ETag is the current revision) and retry");
    }
}
