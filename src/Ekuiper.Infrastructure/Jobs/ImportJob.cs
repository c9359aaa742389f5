using Ekuiper.Application.AsyncTasks.Commands.RunAsyncImport;
using Hangfire;
using Hangfire.Server;
using MediatR;

namespace Ekuiper.Infrastructure.Jobs;

/// <summary>The Hangfire job of one background import; the work itself is the <see cref="RunAsyncImport"/> use case.</summary>
public sealed class ImportJob(IMediator mediator)
{
    /// <returns>The status the task ended in, shown as the job's result in the dashboard.</returns>
    [JobDisplayName("Import task {0}")]
    [Queue(JobQueues.Imports)]
    // A failed import is recorded in its task; running it again would import a document the user may have replaced since.
    [AutomaticRetry(Attempts = 0)]
    public Task<string> RunAsync(string taskId, PerformContext? context, CancellationToken cancellationToken) =>
        mediator.Send(new RunAsyncImport(taskId, context?.BackgroundJob.Id), cancellationToken);
}
