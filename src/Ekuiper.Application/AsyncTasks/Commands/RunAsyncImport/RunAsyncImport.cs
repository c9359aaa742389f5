using AutoMapper;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Store;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using Ekuiper.Domain.Definitions;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Ekuiper.Application.AsyncTasks.Commands.RunAsyncImport;

/// <summary>The body of a background import job: runs task <paramref name="TaskId"/>; answers the status it ended in.</summary>
public sealed record RunAsyncImport(string TaskId, string? JobId = null) : IRequest<string>;

/// <summary>
/// Waits for the task's place in the import line, marks it running, sends the same <see cref="ImportRuleset"/> request
/// as POST /data/import, and records the outcome — all while holding the place (handed to the import's store write
/// through <see cref="StoreWriteUnit.HoldTurn"/>), so no other import slips in between.
/// </summary>
public sealed class RunAsyncImportHandler(
    ITaskStore store,
    IMediator mediator,
    IMapper mapper,
    IClock clock,
    IImportGate gate,
    StoreWriteUnit unit,
    LiveImports liveImports,
    ILogger<RunAsyncImportHandler> logger) : IRequestHandler<RunAsyncImport, string>
{
    public async Task<string> Handle(RunAsyncImport request, CancellationToken cancellationToken)
    {
        var taskId = request.TaskId;
        // No live entry: the task was cancelled before its job started, or belongs to an earlier run of the server.
        var live = liveImports.Find(taskId);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, live?.CancellationToken ?? CancellationToken.None);
        try
        {
            using var turn = gate.Enter(taskId);
            try
            {
                await turn.WaitAsync(abort.Token);
            }
            catch (OperationCanceledException)
            {
                // Cancelled while waiting (its row already says so), or the server is stopping (the next start marks it).
                return await CurrentStatusAsync(taskId);
            }
            // The import this job sends below is a store write: it runs in this turn rather than joining the line again.
            unit.HoldTurn(turn);

            var record = await store.AsyncTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, CancellationToken.None);
            if (record is null || record.Status != AsyncTaskStatus.Register
                || !await TryMoveAsync(taskId, AsyncTaskStatus.Register, AsyncTaskStatus.Running, string.Empty, request.JobId))
            {
                return record is null ? AsyncTaskStatus.Error : await CurrentStatusAsync(taskId);
            }

            var outcome = AsyncImportRequest.Parse(record.RequestJson) is { } stored
                ? await ImportAsync(stored.ToImport(taskId, record.Content), live, abort.Token, cancellationToken)
                : (AsyncTaskStatus.Error, AsyncTaskMessages.Refused("the stored request of this task cannot be read"));
            if (outcome is not { } ended)
            {
                return AsyncTaskStatus.Running; // the server is stopping; the next start marks the task interrupted
            }
            var (status, message) = ended;
            await TryMoveAsync(taskId, AsyncTaskStatus.Running, status, message, request.JobId);
            return status;
        }
        finally
        {
            gate.CancelReservation(taskId); // a job that never took its place must not hold up the line
            liveImports.Complete(taskId);
        }
    }

    private async Task<(string Status, string Message)?> ImportAsync(
        ImportRuleset import, LiveImport? live, CancellationToken abort, CancellationToken hostStopping)
    {
        try
        {
            var result = await mediator.Send(import, abort);
            if (result.PreviewJson is { } preview)
            {
                return (AsyncTaskStatus.Finish, preview); // a dry run: the plan is the answer, failures included
            }
            return result.Succeeded
                ? (AsyncTaskStatus.Finish, AsyncTaskMessages.Finished(result.Report, mapper, result.Revision))
                : (AsyncTaskStatus.Error, AsyncTaskMessages.Failed(result.Report, mapper, result.Revision));
        }
        catch (Exception) when (live?.CancelRequested == true)
        {
            // Whatever the import was doing, its transaction was not committed: nothing of it landed.
            return (AsyncTaskStatus.Cancel, AsyncTaskMessages.CancelledWhileImporting);
        }
        catch (OperationCanceledException) when (hostStopping.IsCancellationRequested)
        {
            return null;
        }
        catch (EkuiperException e)
        {
            return (AsyncTaskStatus.Error, AsyncTaskMessages.Refused(e.Message));
        }
        catch (ValidationException e)
        {
            return (AsyncTaskStatus.Error, AsyncTaskMessages.Refused(FailureMessages.Of(e)));
        }
        catch (Exception e)
        {
            logger.LogError(e, "Background import {TaskId} failed", import.TaskId);
            return (AsyncTaskStatus.Error, AsyncTaskMessages.Refused(FailureMessages.InternalError));
        }
    }

    /// <summary>Moves the task from <paramref name="from"/> only: whoever changed it first (a cancel, a restart) wins.</summary>
    private async Task<bool> TryMoveAsync(string taskId, string from, string to, string message, string? jobId)
    {
        var moved = await store.AsyncTasks.Where(t => t.Id == taskId && t.Status == from)
            .MoveAsync(to, message, clock.UtcNow, CancellationToken.None, jobId);
        return moved == 1;
    }

    private async Task<string> CurrentStatusAsync(string taskId) =>
        await store.AsyncTasks.StatusOfAsync(taskId, CancellationToken.None) ?? AsyncTaskStatus.Error;
}
