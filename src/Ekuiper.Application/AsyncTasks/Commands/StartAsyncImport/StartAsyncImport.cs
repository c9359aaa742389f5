using System.Diagnostics;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.DataImport;
using Ekuiper.Application.Store;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using Ekuiper.Domain.Definitions;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Ekuiper.Application.AsyncTasks.Commands.StartAsyncImport;

/// <summary>POST /async/data/import: registers <paramref name="Import"/> as a background task and answers its id at once.</summary>
public sealed record StartAsyncImport(ImportRuleset Import) : IRequest<AsyncTaskCreated>;

/// <summary>
/// Reads a <c>file</c> document now, on this server (the worker that runs the task may be another server's, which
/// need not reach the same files or URLs), stores the task (status register) with its document, and queues its job
/// in the job storage every server's worker takes from. The job later sends the same <see cref="ImportRuleset"/>
/// request. A document that cannot be read still gets its task, which ends in error at once, as in eKuiper.
/// </summary>
public sealed class StartAsyncImportHandler(
    IEkuiperDbContext db,
    ITaskStore store,
    IClock clock,
    IArtifactFetcher fetcher,
    IImportJobScheduler scheduler,
    INodeIdentity node,
    ImportObserver observer,
    ILogger<StartAsyncImportHandler> logger) : IRequestHandler<StartAsyncImport, AsyncTaskCreated>
{
    public async Task<AsyncTaskCreated> Handle(StartAsyncImport request, CancellationToken cancellationToken)
    {
        var import = request.Import;
        if (import.ExpectedRevisions is not null)
        {
            // Revisions only grow: an If-Match that fails now can never hold when the task runs, so say so at once.
            // The task checks again inside its import's transaction, where it counts.
            StoreRevision.Require(await StoreRevision.ReadAsync(db, cancellationToken), import.ExpectedRevisions);
        }
        var started = Stopwatch.GetTimestamp();
        string? unreadable = null;
        byte[]? content = null;
        try
        {
            content = (await DocumentImport.ReadDocumentAsync(fetcher, import, cancellationToken)).ToArray();
        }
        catch (EkuiperException e)
        {
            unreadable = e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Reading the document of a background import failed");
            unreadable = FailureMessages.InternalError;
        }

        var now = clock.UtcNow;
        var taskId = AsyncTaskIds.NewDataImportId(now);
        store.AsyncTasks.Add(new AsyncTaskRecord
        {
            Id = taskId,
            Status = unreadable is null ? AsyncTaskStatus.Register : AsyncTaskStatus.Error,
            Message = unreadable is null ? string.Empty : AsyncTaskMessages.Refused(unreadable),
            RequestJson = AsyncImportRequest.From(import).ToJson(),
            Content = content,
            CreatedAt = now,
            UpdatedAt = now,
            Owner = node.Id,
        });
        await store.SaveChangesAsync(cancellationToken);
        store.ClearTracked();
        if (unreadable is not null)
        {
            // The task ends here, without an import: refused, as one whose document does not parse.
            observer.Refused(new ImportRun(true, import.DryRun, taskId), unreadable, Stopwatch.GetElapsedTime(started));
            return new AsyncTaskCreated(taskId);
        }

        try
        {
            var jobId = scheduler.EnqueueImport(taskId);
            // Kept for a cancel through any server while the job waits in the queue.
            await store.AsyncTasks.Where(t => t.Id == taskId && t.JobId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.JobId, jobId), CancellationToken.None);
        }
        catch (Exception e)
        {
            // The task can never run; say so in its row rather than leave it registered.
            await store.AsyncTasks.Where(t => t.Id == taskId).MoveAsync(AsyncTaskStatus.Error,
                AsyncTaskMessages.Refused("the background job could not be queued: " + e.Message), clock.UtcNow, CancellationToken.None);
            throw;
        }
        return new AsyncTaskCreated(taskId);
    }
}
