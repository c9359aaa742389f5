using System.Linq.Expressions;
using Ekuiper.Domain.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.AsyncTasks;

/// <summary>How task rows are read and moved from one status to another, the same way by every use case.</summary>
internal static class AsyncTaskRows
{
    /// <summary>The task rows without <c>RequestJson</c> and <c>Content</c>, which can hold a whole imported document.</summary>
    public static IQueryable<AsyncTaskRecord> WithoutRequest(this IQueryable<AsyncTaskRecord> tasks) => tasks.Select(WithoutRequestColumns);

    /// <summary>What <see cref="WithoutRequest"/> selects, for queries compiled ahead (<c>HotReads</c>).</summary>
    public static readonly Expression<Func<AsyncTaskRecord, AsyncTaskRecord>> WithoutRequestColumns = t => new AsyncTaskRecord
    {
        Id = t.Id,
        Status = t.Status,
        Message = t.Message,
        JobId = t.JobId,
        CreatedAt = t.CreatedAt,
        UpdatedAt = t.UpdatedAt,
    };

    /// <summary>
    /// Moves every task <paramref name="tasks"/> selects to <paramref name="status"/>, in one statement. A task that
    /// ends gives up its document; <paramref name="jobId"/>, when given, is recorded as the job that ran it.
    /// </summary>
    /// <returns>How many tasks moved.</returns>
    public static Task<int> MoveAsync(this IQueryable<AsyncTaskRecord> tasks, string status, string message, DateTimeOffset now,
        CancellationToken cancellationToken, string? jobId = null)
    {
        var ends = AsyncTaskStatus.IsFinal(status);
        return tasks.ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Status, status)
            .SetProperty(t => t.Message, message)
            .SetProperty(t => t.JobId, t => jobId ?? t.JobId)
            .SetProperty(t => t.Content, t => ends ? null : t.Content)
            .SetProperty(t => t.LeaseExpiresAt, t => ends ? null : t.LeaseExpiresAt)
            .SetProperty(t => t.UpdatedAt, now), cancellationToken);
    }

    /// <summary>The status and message of task <paramref name="taskId"/>; null when there is no such task.</summary>
    public static Task<Store.TaskOutcome?> OutcomeOfAsync(this IQueryable<AsyncTaskRecord> tasks, string taskId, CancellationToken cancellationToken) =>
        tasks.AsNoTracking().Where(t => t.Id == taskId).Select(t => new Store.TaskOutcome(t.Status, t.Message)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The status of task <paramref name="taskId"/>; null when there is no such task.</summary>
    public static Task<string?> StatusOfAsync(this IQueryable<AsyncTaskRecord> tasks, string taskId, CancellationToken cancellationToken) =>
        tasks.AsNoTracking().Where(t => t.Id == taskId).Select(t => (string?)t.Status).FirstOrDefaultAsync(cancellationToken);
}
