using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.DataImport;
using Ekuiper.Domain.Definitions;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.AsyncTasks.Commands.CancelTask;

/// <summary>POST /async/task/{id}/cancel: cancels a task that has not finished, whichever server runs it.</summary>
public sealed record CancelTask(string TaskId) : IRequest<Unit>;

/// <summary>
/// A registered task is withdrawn before it runs (its row says cancel, its job is deleted from the shared queue). A
/// running task is asked to stop through its row; its owner picks the request up within a tick of its lease renewal
/// (at once when this server runs it), rolls the import back and records cancel. The answer waits until the row says
/// how the task ended, so that "cancel success" is never a guess: a task that finished, or finished while the cancel
/// arrived, is refused with 400.
/// </summary>
public sealed class CancelTaskHandler(
    ITaskStore store,
    IClock clock,
    LiveImports liveImports,
    IImportJobScheduler scheduler,
    ImportObserver observer) : IRequestHandler<CancelTask, Unit>
{
    /// <summary>How often the answer looks at the row while the import winds down.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public async Task<Unit> Handle(CancelTask request, CancellationToken cancellationToken)
    {
        var taskId = request.TaskId;
        var asked = false;
        while (true)
        {
            var task = await store.AsyncTasks.AsNoTracking().Where(t => t.Id == taskId)
                           .Select(t => new { t.Status, t.JobId, t.RequestJson, t.CreatedAt }).FirstOrDefaultAsync(cancellationToken)
                       ?? throw new InvalidRequestException(AsyncTaskMessages.NotFound(taskId));
            if (AsyncTaskStatus.IsFinal(task.Status))
            {
                return asked && task.Status == AsyncTaskStatus.Cancel ? Unit.Value : throw AlreadyFinished(taskId, task.Status);
            }
            if (task.Status == AsyncTaskStatus.Register)
            {
                if (await WithdrawAsync(taskId, cancellationToken) == 1)
                {
                    if (task.JobId is { } jobId)
                    {
                        scheduler.CancelImport(jobId); // its worker, wherever it is, finds the row cancelled and stops
                    }
                    // The task ends without its import having run: a cancelled import, queued for as long as it waited.
                    var dryRun = AsyncImportRequest.Parse(task.RequestJson)?.DryRun ?? false;
                    observer.Cancelled(new ImportRun(true, dryRun, taskId), clock.UtcNow - task.CreatedAt);
                    return Unit.Value;
                }
                continue; // a worker claimed it meanwhile
            }
            if (!asked)
            {
                asked = await AskToStopAsync(taskId, cancellationToken) == 1;
                liveImports.Find(taskId)?.RequestCancel(); // run here: stop it now rather than at the next tick
            }
            await Task.Delay(Poll, cancellationToken);
        }
    }

    private Task<int> WithdrawAsync(string taskId, CancellationToken cancellationToken) =>
        store.AsyncTasks.Where(t => t.Id == taskId && t.Status == AsyncTaskStatus.Register)
            .MoveAsync(AsyncTaskStatus.Cancel, AsyncTaskMessages.CancelledBeforeStart, clock.UtcNow, cancellationToken);

    private Task<int> AskToStopAsync(string taskId, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        return store.AsyncTasks.Where(t => t.Id == taskId && t.Status == AsyncTaskStatus.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.CancelRequested, true)
                .SetProperty(t => t.Message, AsyncTaskMessages.Cancelling)
                .SetProperty(t => t.UpdatedAt, now), cancellationToken);
    }

    private static InvalidRequestException AlreadyFinished(string taskId, string status) =>
        new($"async task {taskId} has already finished with status {status}");
}
