using AutoMapper;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.DataImport;
using Ekuiper.Application.Store;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using Ekuiper.Domain.Definitions;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Ekuiper.Application.AsyncTasks.Commands.RunAsyncImport;

/// <summary>The body of a background import job: runs task <paramref name="TaskId"/>; answers how the task stands at the end.</summary>
public sealed record RunAsyncImport(string TaskId, string? JobId = null) : IRequest<TaskOutcome>;

/// <summary>
/// Joins this server's import line, claims the task (register → running, owned by this server, under a lease the
/// lease renewal keeps fresh), sends the same <see cref="ImportRuleset"/> request as POST /data/import in that turn
/// (<see cref="StoreWriteUnit.HoldTurn"/>), and has the import's store write record the outcome in its own transaction
/// (<see cref="StoreWriteUnit.CarryTask"/>). Where task rows live apart from the store (SQLite), the outcome is
/// recorded right after. Either way only from running and only while the row names this server: whoever ended the
/// task first (a cancel, a server that found this one's lease lapsed) wins.
/// </summary>
public sealed class RunAsyncImportHandler(
    ITaskStore store,
    IMediator mediator,
    IMapper mapper,
    IClock clock,
    IImportGate gate,
    StoreWriteUnit unit,
    LiveImports liveImports,
    INodeIdentity node,
    TaskSettings settings,
    ImportObserver observer,
    ILogger<RunAsyncImportHandler> logger) : IRequestHandler<RunAsyncImport, TaskOutcome>
{
    public async Task<TaskOutcome> Handle(RunAsyncImport request, CancellationToken cancellationToken)
    {
        var taskId = request.TaskId;
        var record = await store.AsyncTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, CancellationToken.None);
        if (record is null || record.Status != AsyncTaskStatus.Register)
        {
            // Cancelled before it ran, or run already (a job fetched again after its server stopped).
            return await CurrentOutcomeAsync(taskId);
        }
        using var turn = gate.Join();
        try
        {
            await turn.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return await CurrentOutcomeAsync(taskId); // the server is stopping; the task stays registered for a later run
        }
        // The import this job sends below is a store write: it runs in this turn rather than joining the line again.
        unit.HoldTurn(turn);
        if (!await ClaimAsync(taskId, request.JobId))
        {
            return await CurrentOutcomeAsync(taskId);
        }

        var live = liveImports.Add(taskId);
        try
        {
            TaskOutcome? outcome;
            if (AsyncImportRequest.Parse(record.RequestJson) is { } stored)
            {
                outcome = await ImportAsync(stored.ToImport(taskId, record.Content), live, cancellationToken);
            }
            else
            {
                const string unreadable = "the stored request of this task cannot be read";
                observer.Refused(new ImportRun(true, false, taskId), unreadable, TimeSpan.Zero);
                outcome = new TaskOutcome(AsyncTaskStatus.Error, AsyncTaskMessages.Refused(unreadable));
            }
            if (outcome is not null)
            {
                // Recorded already when the import's transaction carried it (then the row is no longer running).
                await FinishAsync(taskId, outcome);
            }
            // else the server is stopping: SQLite's next start, or another server once the lease lapses, marks it.
            return await CurrentOutcomeAsync(taskId);
        }
        finally
        {
            liveImports.Remove(taskId);
        }
    }

    private async Task<TaskOutcome?> ImportAsync(ImportRuleset import, LiveImport live, CancellationToken hostStopping)
    {
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(hostStopping, live.CancellationToken);
        var taskId = import.TaskId!;
        unit.CarryTask(new CarriedTask(taskId, node.Id, async (response, revision, token) =>
        {
            await WriteFinalProgressAsync(taskId, live, token);
            return OutcomeOf((ImportRulesetResult)response!, revision);
        }));
        try
        {
            var result = await mediator.Send(import, abort.Token);
            return OutcomeOf(result, result.Revision);
        }
        catch (Exception e) when (e is TaskNoLongerOwnedException || live.CancelRequested)
        {
            // Whatever the import was doing, its transaction was not committed: nothing of it landed. A task another
            // server marked interrupted keeps that mark (the move below is from running only).
            return new TaskOutcome(AsyncTaskStatus.Cancel, AsyncTaskMessages.CancelledWhileImporting);
        }
        catch (OperationCanceledException) when (hostStopping.IsCancellationRequested)
        {
            return null;
        }
        catch (EkuiperException e)
        {
            return new TaskOutcome(AsyncTaskStatus.Error, AsyncTaskMessages.Refused(e.Message));
        }
        catch (ValidationException e)
        {
            return new TaskOutcome(AsyncTaskStatus.Error, AsyncTaskMessages.Refused(FailureMessages.Of(e)));
        }
        catch (Exception e)
        {
            logger.LogError(e, "Background import {TaskId} failed", taskId);
            return new TaskOutcome(AsyncTaskStatus.Error, AsyncTaskMessages.Refused(FailureMessages.InternalError));
        }
    }

    private TaskOutcome OutcomeOf(ImportRulesetResult result, long revision)
    {
        if (result.PreviewJson is { } preview)
        {
            return new TaskOutcome(AsyncTaskStatus.Finish, preview); // a dry run: the plan is the answer, failures included
        }
        return result.Succeeded
            ? new TaskOutcome(AsyncTaskStatus.Finish, AsyncTaskMessages.Finished(result.Report, mapper, revision))
            : new TaskOutcome(AsyncTaskStatus.Error, AsyncTaskMessages.Failed(result.Report, mapper, revision));
    }

    /// <summary>
    /// Just before the outcome commits: the row shows every entry written, so a poller's last progress is done = total
    /// even when the import ended between two ticks of the renewal.
    /// </summary>
    private async Task WriteFinalProgressAsync(string taskId, LiveImport live, CancellationToken cancellationToken)
    {
        if (live.Progress is not { } progress || progress.Done != progress.Total)
        {
            return;
        }
        var self = node.Id;
        var message = AsyncTaskMessages.Importing(progress);
        await store.AsyncTasks
            .Where(t => t.Id == taskId && t.Owner == self && t.Status == AsyncTaskStatus.Running && !t.CancelRequested)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Message, message).SetProperty(t => t.UpdatedAt, clock.UtcNow), cancellationToken);
    }

    /// <summary>Register → running, owned by this server, with a first lease.</summary>
    private async Task<bool> ClaimAsync(string taskId, string? jobId)
    {
        var now = clock.UtcNow;
        var self = node.Id;
        var lease = now + settings.Lease;
        var claimed = await store.AsyncTasks.Where(t => t.Id == taskId && t.Status == AsyncTaskStatus.Register)
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Status, AsyncTaskStatus.Running)
                .SetProperty(t => t.Message, string.Empty)
                .SetProperty(t => t.Owner, self)
                .SetProperty(t => t.LeaseExpiresAt, lease)
                .SetProperty(t => t.JobId, t => jobId ?? t.JobId)
                .SetProperty(t => t.UpdatedAt, now), CancellationToken.None);
        return claimed == 1;
    }

    /// <summary>Running (on this server) → the outcome. Not from any other status: whoever ended the task first wins.</summary>
    private Task<int> FinishAsync(string taskId, TaskOutcome outcome)
    {
        var self = node.Id;
        return store.AsyncTasks.Where(t => t.Id == taskId && t.Owner == self && t.Status == AsyncTaskStatus.Running)
            .MoveAsync(outcome.Status, outcome.Message, clock.UtcNow, CancellationToken.None);
    }

    private async Task<TaskOutcome> CurrentOutcomeAsync(string taskId) =>
        await store.AsyncTasks.OutcomeOfAsync(taskId, CancellationToken.None)
        ?? new TaskOutcome(AsyncTaskStatus.Error, AsyncTaskMessages.NotFound(taskId));
}
