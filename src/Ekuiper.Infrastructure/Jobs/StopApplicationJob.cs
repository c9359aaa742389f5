using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ekuiper.Infrastructure.Jobs;

/// <summary>eKuiper's stop=1: the server stops gracefully with exit code 100, for its supervisor to restart it.</summary>
public sealed class StopApplicationJob(IHostApplicationLifetime lifetime, ILogger<StopApplicationJob> logger)
{
    /// <summary>The exit code eKuiper uses after an import with stop=1; a supervisor restarts on it (docs/operations.md).</summary>
    public const int RestartExitCode = 100;

    /// <summary>eKuiper waits one second before it exits, so that the answer of the import gets out first.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    [JobDisplayName("Stop the server for a restart (exit code 100)")]
    [Queue(JobQueues.Control)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Waited here rather than by scheduling the job: Hangfire keeps schedule times in whole seconds, which could
        // bring the stop forward to just after the commit.
        await Task.Delay(Delay, cancellationToken);
        logger.LogWarning("Stopping after an import with stop=1; exit code {ExitCode} asks the supervisor for a restart", RestartExitCode);
        Environment.ExitCode = RestartExitCode;
        lifetime.StopApplication();
    }
}
