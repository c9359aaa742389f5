using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Store;
using MediatR;
using Microsoft.Extensions.Logging;

namespace Ekuiper.Application.Common.Behaviours;

/// <summary>
/// The one unit of work around every <see cref="IStoreWrite"/> request, and the one place that begins a write
/// transaction. In order: take this node's turn in the import line (or run in the turn a background job already
/// holds), open the provider's write transaction (SQLite: <c>BEGIN IMMEDIATE</c>; PostgreSQL: an advisory lock first),
/// check If-Match against the revision inside it, run the handler, bump the revision only if the handler changed
/// something, record the outcome of the background task the write carries out (if any), move staged files into
/// place, commit. Anything that throws before the commit rolls it all back.
/// </summary>
public sealed class StoreWriteBehaviour<TRequest, TResponse>(
    IImportGate line,
    IEkuiperDbContext db,
    StoreWriteUnit unit,
    ILogger<StoreWriteBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
    // The container builds this behaviour only for writes: a read neither builds it nor rents a store context for it.
    where TRequest : IStoreWrite
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        // Before the line: a write sent from inside another would wait forever behind the turn its sender holds.
        unit.RequireNoneOpen();
        using var turn = unit.HeldTurn is null ? line.Join() : null;
        if (turn is not null)
        {
            // Writers of this node wait here, in arrival order, rather than on the store's lock and its timeout.
            await turn.WaitAsync(cancellationToken);
        }

        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var revision = await StoreRevision.ReadAsync(db, cancellationToken);
        // Inside the transaction, which holds the store's write lock: no other write comes between check and write.
        StoreRevision.Require(revision, request.ExpectedRevisions);
        unit.Open(revision);
        try
        {
            var response = await next();
            if (unit.IsDiscarded)
            {
                await transaction.RollbackAsync(CancellationToken.None);
            }
            else
            {
                if (unit.HasChanges)
                {
                    revision = await StoreRevision.BumpAsync(db, cancellationToken);
                }
                if (unit.Carried is { } task && !await RecordOutcomeAsync(task, response, revision, cancellationToken))
                {
                    // The task is no longer ours to finish (another server marked it interrupted, or it is being
                    // cancelled): its import must not land, so that the task's row and the store always agree.
                    await transaction.RollbackAsync(CancellationToken.None);
                    throw new TaskNoLongerOwnedException(task.TaskId);
                }
                // The files go into place while the transaction still holds the lock; a failed commit puts them back.
                // From here on nothing is cancelled: a commit cut short would leave files and rows in doubt.
                unit.Promote();
                await transaction.CommitAsync(CancellationToken.None);
                foreach (var failure in unit.Committed())
                {
                    // The write landed; what follows it (dropping replaced files, removing an upload's file) is best effort.
                    logger.LogError(failure, "After the commit of {Request}", typeof(TRequest).Name);
                }
            }
            if (response is IRevisionedResult revisioned)
            {
                revisioned.Revision = revision;
            }
            return response;
        }
        finally
        {
            unit.Close();
        }
    }

    /// <returns>False when the task's row no longer names this server's running, uncancelled task.</returns>
    private async Task<bool> RecordOutcomeAsync(CarriedTask task, TResponse response, long revision, CancellationToken cancellationToken)
    {
        var outcome = await task.OutcomeOf(response, revision, cancellationToken);
        // Null: the provider keeps task rows apart from the store (SQLite's tasks.db); the job records the outcome.
        return await db.RecordTaskOutcomeAsync(task.TaskId, task.Owner, outcome, cancellationToken) ?? true;
    }
}
