using Ekuiper.Application.AsyncTasks.Commands.RunAsyncImport;
using Ekuiper.Domain.Definitions;
using Hangfire;
using Hangfire.Server;
using Ekuiper.Application.Store;
using MediatR;
using Microsoft.Extensions.Logging;

namespace Ekuiper.Infrastructure.Jobs;

/// <summary>The Hangfire job of one background import; the work itself is the <see cref="RunAsyncImport"/> use case.</summary>
public sealed class ImportJob(IMediator mediator, ILogger<ImportJob> logger)
{
    /// <returns>The status the task ended in, shown as the job's result in the dashboard.</returns>
    /// <exception cref="ImportTaskFailedException">The task ended in error: the dashboard shows the job failed.</exception>
    [JobDisplayName("Import task {0}")]
    [Queue(JobQueues.Imports)]
    // A failed import is recorded in its task; running it again would import a document the user may have replaced since.
    // Hangfire's own "failed to process the job" error is not logged: the import has told its failure once already (a
    // warning with its counts, ImportObserver), and an unexpected one is logged below, with its stack.
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail, LogEvents = false)]
    public async Task<string> RunAsync(string taskId, PerformContext? context, CancellationToken cancellationToken)
    {
        TaskOutcome outcome;
        try
        {
            outcome = await mediator.Send(new RunAsyncImport(taskId, context?.BackgroundJob.Id), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "The job of import task {TaskId} failed", taskId);
            throw;
        }
        return outcome.Status == AsyncTaskStatus.Error ? throw new ImportTaskFailedException(taskId, outcome.Message) : outcome.Status;
    }
}

/// <summary>A background import ended in error; its task's message is the reason (also in GET /async/task/{id}).</summary>
public sealed class ImportTaskFailedException(string taskId, string message) : Exception($"import task {taskId} ended in error: {message}")
{
    /// <summary>The stack of an expected failure says nothing: the dashboard shows the message alone.</summary>
    public override string? StackTrace => null;
}
