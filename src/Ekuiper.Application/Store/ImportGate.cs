namespace Ekuiper.Application.Store;

/// <summary>
/// This server's one line of store writes: imports sync and async, restores and REST writes run one at a time, in the
/// order they joined (<c>StoreWriteBehaviour</c> joins it for every write; a background task's job joins it when a
/// worker of this server starts it). The line lives in this process only: across servers on one PostgreSQL database,
/// the store's advisory lock orders the writes the lines let through.
/// </summary>
public interface IImportGate
{
    /// <summary>Joins the end of the line now.</summary>
    ImportTurn Join();
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

    public ImportTurn Join()
    {
        lock (_sync)
        {
            return Append();
        }
    }

    internal void Leave(ImportTurn turn)
    {
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
