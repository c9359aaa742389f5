using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Store;
using Ekuiper.Domain.Definitions;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.AsyncTasks.Commands.CancelTask;

/// <summary>POST /async/task/{id}/cancel: cancels a task that has not finished.</summary>
public sealed record CancelTask(string TaskId) : IRequest<Unit>;

/// <summary>
/// A registered task is withdrawn before it runs. A running task's import is cancelled and rolled back; the answer
/// waits until the task's row says how it ended, so that "cancel success" is never a guess. A task that finished
/// (or finished while the cancel arrived) is refused with 400.
/// </summary>
public sealed class CancelTaskHandler(
    ITaskStore store,
    IClock clock,
    IImportGate gate,
    LiveImports liveImports,
    IImportJobScheduler scheduler) : IRequestHandler<CancelTask, Unit>
{
    public async Task<Unit> Handle(CancelTask request, CancellationToken cancellationToken)
    {
        var taskId = request.TaskId;
        var status = await StatusAsync(taskId, cancellationToken);
        if (AsyncTaskStatus.IsFinal(status))
        {
            throw AlreadyFinished(taskId, status);
        }

        var withdrawn = await store.AsyncTasks.Where(t => t.Id == taskId && t.Status == AsyncTaskStatus.Register)
            .MoveAsync(AsyncTaskStatus.Cancel, AsyncTaskMessages.CancelledBeforeStart, clock.UtcNow, cancellationToken);
        var live = liveImports.Find(taskId);
        if (withdrawn == 1)
        {
            gate.CancelReservation(taskId);
            if (live is not null)
            {
                live.RequestCancel(); // wakes its job if it already waits for its turn
                if (live.JobId is { } jobId)
                {
                    scheduler.CancelImport(jobId);
                }
                liveImports.Complete(taskId);
            }
            return Unit.Value;
        }

        // It started meanwhile: cancel the import and wait for the job to record how it ended.
        if (live is not null)
        {
            live.RequestCancel();
            await live.Finished.WaitAsync(cancellationToken);
        }
        status = await StatusAsync(taskId, cancellationToken);
        return status == AsyncTaskStatus.Cancel ? Unit.Value : throw AlreadyFinished(taskId, status);
    }

    private async Task<string> StatusAsync(string taskId, CancellationToken cancellationToken) =>
        await store.AsyncTasks.StatusOfAsync(taskId, cancellationToken) ?? throw new NotFoundException(AsyncTaskMessages.NotFound(taskId));

    private static InvalidRequestException AlreadyFinished(string taskId, string status) =>
        AsyncTaskStatus.IsFinal(status)
            ? new InvalidRequestException($"async task {taskId} has already finished with status {status}")
            : new InvalidRequestException($"async task {taskId} is {status} and is not run by this server, so it cannot be cancelled");
}
