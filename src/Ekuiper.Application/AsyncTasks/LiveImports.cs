using System.Collections.Concurrent;
using Ekuiper.Application.Store;

namespace Ekuiper.Application.AsyncTasks;

/// <summary>
/// The background imports this process has registered and not yet finished. Their progress lives here rather than in
/// the task row: while an import runs, its transaction holds SQLite's only write lock, so the row can change only
/// when the import is over. GET /async/task/{id} merges this state into the stored row.
/// </summary>
public sealed class LiveImports : IImportProgress
{
    private readonly ConcurrentDictionary<string, LiveImport> _imports = new(StringComparer.Ordinal);

    public LiveImport Add(string taskId) => _imports[taskId] = new LiveImport();

    public LiveImport? Find(string taskId) => _imports.GetValueOrDefault(taskId);

    public void Report(string taskId, int done, int total)
    {
        if (Find(taskId) is { } live)
        {
            live.Progress = new ImportProgress(done, total);
        }
    }

    /// <summary>What a poller should read as the message of a running task: its progress, or that it is being cancelled.</summary>
    public void ApplyLiveState(AsyncTaskDto task)
    {
        if (task.Status != Domain.Definitions.AsyncTaskStatus.Running || Find(task.Id) is not { } live)
        {
            return;
        }
        if (live.CancelRequested)
        {
            task.Message = AsyncTaskMessages.Cancelling;
        }
        else if (live.Progress is { } progress)
        {
            task.Message = AsyncTaskMessages.Importing(progress);
        }
    }

    /// <summary>The task reached a final state and its row says so: forget it and wake whoever waits for it.</summary>
    public void Complete(string taskId)
    {
        if (_imports.TryRemove(taskId, out var live))
        {
            live.MarkFinished();
        }
    }
}

public sealed record ImportProgress(int Done, int Total);

public sealed class LiveImport
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The background job running the task, to withdraw it while it is still queued.</summary>
    public string? JobId { get; set; }

    private ImportProgress? _progress;

    /// <summary>Written by the import's thread, read by pollers.</summary>
    public ImportProgress? Progress
    {
        get => Volatile.Read(ref _progress);
        set => Volatile.Write(ref _progress, value);
    }

    public CancellationToken CancellationToken => _cancellation.Token;

    public bool CancelRequested => _cancellation.IsCancellationRequested;

    /// <summary>Completes once the task's final state is stored.</summary>
    public Task Finished => _finished.Task;

    public void RequestCancel() => _cancellation.Cancel();

    internal void MarkFinished() => _finished.TrySetResult();
}
