using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.AsyncTasks.Commands.RenewTaskLeases;

/// <summary>
/// One tick of this server's care for background tasks (sent every <see cref="TaskSettings.Tick"/>): renew the lease
/// of each task it runs and write its progress into the row; stop the ones a cancel was asked for (through any
/// server) or that are no longer its own; and, on a shared store, mark the running tasks of servers that stopped.
/// </summary>
/// <returns>How many tasks of stopped servers were marked.</returns>
public sealed record RenewTaskLeases : IRequest<int>;

public sealed class RenewTaskLeasesHandler(ITaskStore store, IClock clock, LiveImports live, INodeIdentity node, TaskSettings settings)
    : IRequestHandler<RenewTaskLeases, int>
{
    public async Task<int> Handle(RenewTaskLeases request, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var running = live.All;
        if (running.Count > 0)
        {
            await RenewAsync(running, now, cancellationToken);
        }
        return settings.SharedStore ? await MarkLapsedAsync(now, cancellationToken) : 0;
    }

    private async Task RenewAsync(IReadOnlyCollection<KeyValuePair<string, LiveImport>> running, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var self = node.Id;
        var until = now + settings.Lease;
        foreach (var (taskId, import) in running)
        {
            var progress = import.Progress is { } p ? AsyncTaskMessages.Importing(p) : null;
            var renewed = await store.AsyncTasks
                .Where(t => t.Id == taskId && t.Owner == self && t.Status == AsyncTaskStatus.Running)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.LeaseExpiresAt, until)
                    // A task being cancelled says so rather than how far it got.
                    .SetProperty(t => t.Message, t => progress == null || t.CancelRequested ? t.Message : progress)
                    .SetProperty(t => t.UpdatedAt, t => progress == null || t.CancelRequested || t.Message == progress ? t.UpdatedAt : now),
                    cancellationToken);
            if (renewed == 0)
            {
                // Another server marked it interrupted (this one missed its renewals), or it ended meanwhile: the
                // import may not land any more, so stop it rather than let it run to a rollback.
                import.RequestCancel();
            }
        }
        var cancels = await store.AsyncTasks.AsNoTracking()
            .Where(t => t.Owner == self && t.Status == AsyncTaskStatus.Running && t.CancelRequested)
            .Select(t => t.Id)
            .ToListAsync(cancellationToken);
        foreach (var taskId in cancels)
        {
            live.Find(taskId)?.RequestCancel();
        }
    }

    /// <summary>Running tasks whose owner let its lease run out: the owner stopped, and its import was rolled back.</summary>
    private Task<int> MarkLapsedAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        store.AsyncTasks
            // No lease at all: a row of a version before leases, whose server no longer runs it.
            .Where(t => t.Status == AsyncTaskStatus.Running && (t.LeaseExpiresAt == null || t.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Status, AsyncTaskStatus.Error)
                .SetProperty(t => t.Message, t => AsyncTaskMessages.InterruptedNodePrefix + (t.Owner ?? "unknown") + AsyncTaskMessages.InterruptedNodeSuffix)
                .SetProperty(t => t.Content, (byte[]?)null)
                .SetProperty(t => t.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(t => t.UpdatedAt, now), cancellationToken);
}
