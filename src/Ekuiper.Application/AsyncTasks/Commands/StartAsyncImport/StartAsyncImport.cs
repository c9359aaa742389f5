using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Store;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using Ekuiper.Domain.Definitions;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.AsyncTasks.Commands.StartAsyncImport;

/// <summary>POST /async/data/import: registers <paramref name="Import"/> as a background task and answers its id at once.</summary>
public sealed record StartAsyncImport(ImportRuleset Import) : IRequest<AsyncTaskCreated>;

/// <summary>
/// Stores the task (status register), takes its place in the import line and queues its job. The job later sends
/// the same <see cref="ImportRuleset"/> request.
/// </summary>
public sealed class StartAsyncImportHandler(
    IEkuiperDbContext db,
    ITaskStore store,
    IClock clock,
    IImportGate gate,
    LiveImports liveImports,
    IImportJobScheduler scheduler,
    INodeIdentity node) : IRequestHandler<StartAsyncImport, AsyncTaskCreated>
{
    public async Task<AsyncTaskCreated> Handle(StartAsyncImport request, CancellationToken cancellationToken)
    {
        if (request.Import.ExpectedRevisions is not null)
        {
            // Revisions only grow: an If-Match that fails now can never hold when the task runs, so say so at once.
            // The task checks again inside its import's transaction, where it counts.
            StoreRevision.Require(await StoreRevision.ReadAsync(db, cancellationToken), request.Import.ExpectedRevisions);
        }
        var now = clock.UtcNow;
        var taskId = AsyncTaskIds.NewDataImportId(now);
        store.AsyncTasks.Add(new AsyncTaskRecord
        {
            Id = taskId,
            Status = AsyncTaskStatus.Register,
            RequestJson = AsyncImportRequest.From(request.Import).ToJson(),
            Content = AsyncImportRequest.ContentOf(request.Import),
            CreatedAt = now,
            UpdatedAt = now,
            Owner = node.Id,
        });
        await store.SaveChangesAsync(cancellationToken);
        store.ClearTracked();

        var live = liveImports.Add(taskId);
        try
        {
            live.JobId = gate.Reserve(taskId, () => scheduler.EnqueueImport(taskId));
        }
        catch (Exception e)
        {
            liveImports.Complete(taskId);
            // The task can never run; say so in its row rather than leave it registered.
            await store.AsyncTasks.Where(t => t.Id == taskId).MoveAsync(AsyncTaskStatus.Error,
                AsyncTaskMessages.Refused("the background job could not be queued: " + e.Message), clock.UtcNow, CancellationToken.None);
            throw;
        }
        return new AsyncTaskCreated(taskId);
    }
}
