namespace Ekuiper.Application.Store;

/// <summary>
/// This server's one line of store writes: imports sync and async, restores and REST writes run one at a time, in the
/// order they joined (<c>StoreWriteBehaviour</c> joins it for every write). A background task takes its place when it
/// is registered (not when its job starts), so its place reflects its arrival. Across servers on one PostgreSQL
/// database, the store's advisory lock orders the writes the lines let through.
/// </summary>
public interface IImportGate
{
    /// <summary>Joins the end of the line now.</summary>
    ImportTurn Join();

    /// <summary>
    /// Keeps a place at the end of the line for <paramref name="taskId"/> and, under the same lock, runs
    /// <paramref name="enqueue"/>. Background jobs are therefore queued in the order of their places, so a job worker
    /// never waits on a place that stands behind a job still queued after it.
    /// </summary>
    T Reserve<T>(string taskId, Func<T> enqueue);

    /// <summary>The turn to run <paramref name="taskId"/>'s import on: its reserved place, else a new place at the end.</summary>
    ImportTurn Enter(string taskId);

    /// <summary>Gives up a place reserved and not yet entered, e.g. for a task cancelled before it ran.</summary>
    void CancelReservation(string taskId);
}

/// <summary>A place in the <see cref="IImportGate"/> line. Wait for it, import, dispose it to let the next one in.</summary>
public sealed class ImportTurn : IDisposable
{
    private readonly ImportGate _gate;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal ImportTurn(ImportGate gate) => _gate = gate;

    internal LinkedListNode<ImportTurn>? Node { get; set; }

    /// <summary>Completes when every earlier place has been given up.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    internal void Admit() => _ready.TrySetResult();

    public void Dispose() => _gate.Leave(this);
}

public sealed class ImportGate : IImportGate
{
    private readonly Lock _sync = new();
    private readonly LinkedList<ImportTurn> _line = new();
    private readonly Dictionary<string, ImportTurn> _reserved = new(StringComparer.Ordinal);

    public ImportTurn Join()
    {
        lock (_sync)
        {
            return Append();
        }
    }

    public T Reserve<T>(string taskId, Func<T> enqueue)
    {
        lock (_sync)
        {
            var turn = Append();
            _reserved[taskId] = turn;
            try
            {
                return enqueue();
            }
            catch
            {
                _reserved.Remove(taskId);
                RemoveLocked(turn);
                throw;
            }
        }
    }

    public ImportTurn Enter(string taskId)
    {
        lock (_sync)
        {
            return _reserved.Remove(taskId, out var reserved) ? reserved : Append();
        }
    }

    public void CancelReservation(string taskId)
    {
        lock (_sync)
        {
            if (_reserved.Remove(taskId, out var turn))
            {
                RemoveLocked(turn);
            }
        }
    }

    internal void Leave(ImportTurn turn)
    {
        // A reserved turn is handed out only by Enter, which takes it off the reservations first.
        lock (_sync)
        {
            RemoveLocked(turn);
        }
    }

    private ImportTurn Append()
    {
        var turn = new ImportTurn(this);
        turn.Node = _line.AddLast(turn);
        if (_line.Count == 1)
        {
            turn.Admit();
        }
        return turn;
    }

    private void RemoveLocked(ImportTurn turn)
    {
        if (turn.Node?.List is null)
        {
            return; // already left
        }
        var wasFirst = _line.First == turn.Node;
        _line.Remove(turn.Node);
        if (wasFirst)
        {
            _line.First?.Value.Admit();
        }
    }
}
