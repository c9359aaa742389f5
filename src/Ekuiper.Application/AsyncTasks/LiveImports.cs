using System.Collections.Concurrent;
using Ekuiper.Application.Store;

namespace Ekuiper.Application.AsyncTasks;

/// <summary>
/// The background imports this server runs right now: how to cancel each, and its latest progress. The progress is
/// told here by the import's thread and written into the task row by the lease renewal (<c>RenewTaskLeases</c>), at
/// most once per tick, so every server reads it from the row alike.
/// </summary>
public sealed class LiveImports : IImportProgress
{
    private readonly ConcurrentDictionary<string, LiveImport> _imports = new(StringComparer.Ordinal);

    public LiveImport Add(string taskId) => _imports[taskId] = new LiveImport();

    public LiveImport? Find(string taskId) => _imports.GetValueOrDefault(taskId);

    /// <summary>The imports running here, by task id.</summary>
    public IReadOnlyCollection<KeyValuePair<string, LiveImport>> All => _imports.ToArray();

    public void Report(string taskId, int done, int total)
    {
        if (Find(taskId) is { } live)
        {
            live.Progress = new ImportProgress(done, total);
        }
    }

    /// <summary>The import ended (its row says how): forget it.</summary>
    public void Remove(string taskId) => _imports.TryRemove(taskId, out _);
}

public sealed record ImportProgress(int Done, int Total);

public sealed class LiveImport
{
    private readonly CancellationTokenSource _cancellation = new();
    private ImportProgress? _progress;

    /// <summary>Written by the import's thread, read by the lease renewal.</summary>
    public ImportProgress? Progress
    {
        get => Volatile.Read(ref _progress);
        set => Volatile.Write(ref _progress, value);
    }

    public CancellationToken CancellationToken => _cancellation.Token;

    public bool CancelRequested => _cancellation.IsCancellationRequested;

    /// <summary>Stops the import: asked for through some server, or the task is no longer this server's.</summary>
    public void RequestCancel() => _cancellation.Cancel();
}
