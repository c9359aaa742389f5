using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ekuiper.Application.AsyncTasks.Commands.MarkInterruptedTasks;

/// <summary>
/// Run once at start-up, before any job runs, where the store has one server (SQLite): tasks left registered or
/// running by the previous run of this server will never run (the job queue lives in memory) and their imports were
/// rolled back, so they become errors. On a shared store (PostgreSQL) nothing is marked here: registered tasks wait in
/// the shared job queue for any server's worker, and a running task of a stopped server is marked once its lease
/// lapses (<c>RenewTaskLeases</c>). Answers how many were marked.
/// </summary>
public sealed record MarkInterruptedTasks : IRequest<int>;

public sealed class MarkInterruptedTasksHandler(ITaskStore store, IClock clock, INodeIdentity node, TaskSettings settings)
    : IRequestHandler<MarkInterruptedTasks, int>
{
    public Task<int> Handle(MarkInterruptedTasks request, CancellationToken cancellationToken)
    {
        if (settings.SharedStore)
        {
            return Task.FromResult(0);
        }
        var self = node.Id;
        return store.AsyncTasks
            .Where(t => t.Status == AsyncTaskStatus.Register || t.Status == AsyncTaskStatus.Running)
            .Where(t => t.Owner == self || t.Owner == null)
            .MoveAsync(AsyncTaskStatus.Error, AsyncTaskMessages.InterruptedByRestart, clock.UtcNow, cancellationToken);
    }
}

public static class MarkInterruptedTasksStartup
{
    /// <summary>Sends <see cref="MarkInterruptedTasks"/> in a scope of its own; call it before the host starts.</summary>
    public static async Task MarkInterruptedTasksAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new MarkInterruptedTasks(), cancellationToken);
    }
}
