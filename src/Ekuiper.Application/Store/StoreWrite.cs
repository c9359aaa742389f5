using Ekuiper.Application.Common.Interfaces;

namespace Ekuiper.Application.Store;

/// <summary>
/// A request that changes the store (or, to check an entry against it, must see it as a writer would): imports sync
/// and async, restores, every REST create, update, delete, start and stop, uploads. <c>StoreWriteBehaviour</c> runs
/// each one as one unit of work (<see cref="StoreWriteUnit"/>); its handler only reads and writes through the store.
/// </summary>
public interface IStoreWrite
{
    /// <summary>The revisions the caller's If-Match accepts; null for no condition. Checked inside the transaction.</summary>
    IReadOnlyCollection<long>? ExpectedRevisions => null;
}

/// <summary>A store write's answer that carries the revision the store is at once the write committed (the new ETag).</summary>
public interface IRevisionedResult
{
    long Revision { get; set; }
}

/// <summary>
/// The write in progress in this scope (one HTTP request or one background job). <c>StoreWriteBehaviour</c> opens it
/// and closes it; the handler tells it what happened: that rows changed, which staged files go into place with the
/// commit, what runs after it, or that nothing of it may land (a dry run). Handlers never open transactions, bump
/// the revision or take turns in the line themselves.
/// </summary>
public sealed class StoreWriteUnit
{
    private readonly List<IArtifactStaging> _staged = [];
    private readonly List<Action> _afterCommit = [];
    private ImportTurn? _heldTurn;
    private CarriedTask? _task;

    /// <summary>Whether a write is open in this scope.</summary>
    public bool IsOpen { get; private set; }

    /// <summary>The revision the store was at when the write began (after the line and the lock let it in).</summary>
    public long RevisionBefore { get; private set; }

    /// <summary>Whether anything the revision counts has changed so far.</summary>
    public bool HasChanges { get; private set; }

    /// <summary>Set by <see cref="DiscardAll"/>: the transaction is rolled back and no staged file is promoted.</summary>
    public bool IsDiscarded { get; private set; }

    /// <summary>Some stored definition was created, replaced or deleted: the revision moves on with the commit.</summary>
    public void Changed() => HasChanges = true;

    /// <summary>Counts <paramref name="rows"/> changed rows (none: nothing changed).</summary>
    public void Changed(int rows)
    {
        if (rows > 0)
        {
            HasChanges = true;
        }
    }

    /// <summary>
    /// Hands over the staged files of this write: they are moved into place just before the commit, the replaced ones
    /// dropped after it, and everything put back when the write does not commit.
    /// </summary>
    public void Stage(IArtifactStaging staging)
    {
        RequireOpen();
        _staged.Add(staging);
    }

    /// <summary>Runs <paramref name="action"/> once the write has committed (never when it did not).</summary>
    public void AfterCommit(Action action)
    {
        RequireOpen();
        _afterCommit.Add(action);
    }

    /// <summary>Nothing of this write may land: a dry run, a check that writes nothing.</summary>
    public void DiscardAll() => IsDiscarded = true;

    /// <summary>
    /// A background task's job took its turn in the line itself (before it marked the task running): the write it
    /// sends next in this scope runs in that turn instead of joining the line again.
    /// </summary>
    public void HoldTurn(ImportTurn turn) => _heldTurn = turn;

    /// <summary>The turn a job handed over with <see cref="HoldTurn"/>, if any.</summary>
    internal ImportTurn? HeldTurn => _heldTurn;

    /// <summary>
    /// The write sent next in this scope carries out background task <paramref name="task"/>: where the provider keeps
    /// task rows in the store's own database (PostgreSQL), the write records the task's outcome in its own
    /// transaction, and only while this server still owns the running task; otherwise nothing of it lands.
    /// </summary>
    public void CarryTask(CarriedTask task) => _task = task;

    /// <summary>The task handed over with <see cref="CarryTask"/>, if any.</summary>
    internal CarriedTask? Carried => _task;

    /// <exception cref="InvalidOperationException">A write is open in this scope: its handler sent another write.</exception>
    internal void RequireNoneOpen()
    {
        if (IsOpen)
        {
            throw new InvalidOperationException("a store write is already open in this scope: a write handler must not send another write");
        }
    }

    internal void Open(long revision)
    {
        RequireNoneOpen();
        IsOpen = true;
        RevisionBefore = revision;
        HasChanges = false;
        IsDiscarded = false;
    }

    internal void Promote()
    {
        foreach (var staging in _staged)
        {
            staging.Promote();
        }
    }

    /// <summary>The write committed: completes the staging and runs the after-commit actions, each whatever the others did.</summary>
    /// <returns>What failed; the write has landed all the same.</returns>
    internal List<Exception> Committed()
    {
        var failures = new List<Exception>();
        foreach (var step in _staged.Select(staging => (Action)staging.Complete).Concat(_afterCommit))
        {
            try
            {
                step();
            }
            catch (Exception e)
            {
                failures.Add(e);
            }
        }
        return failures;
    }

    /// <summary>Ends the write: staged files that were not completed are removed and what they replaced put back.</summary>
    internal void Close()
    {
        foreach (var staging in _staged)
        {
            staging.Dispose();
        }
        _staged.Clear();
        _afterCommit.Clear();
        _task = null; // carried by this one write
        IsOpen = false;
    }

    private void RequireOpen()
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException("no store write is open in this scope: mark the request IStoreWrite");
        }
    }
}

/// <summary>A background task carried out by a store write (<see cref="StoreWriteUnit.CarryTask"/>).</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Owner">The server running it: the outcome is recorded only while the row still names it.</param>
/// <param name="OutcomeOf">The outcome, from the write's answer and the revision it commits.</param>
public sealed record CarriedTask(string TaskId, string Owner, Func<object?, long, CancellationToken, Task<TaskOutcome>> OutcomeOf);

/// <summary>How a background task ended: its final status and message.</summary>
public sealed record TaskOutcome(string Status, string Message);

/// <summary>
/// The task a store write carries out is no longer this server's running task (another server marked it interrupted,
/// or a cancel was asked for): the write was rolled back, nothing of it landed.
/// </summary>
public sealed class TaskNoLongerOwnedException(string taskId)
    : Exception($"task {taskId} is no longer running on this server; its import was rolled back");
