using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ekuiper.Infrastructure.Jobs;

/// <summary>eKuiper's stop=1: the server stops gracefully with exit code 100, for its supervisor to restart it.</summary>
public sealed class StopApplicationJob(IHostApplicationLifetime lifetime, ILogger<StopApplicationJob> logger)
{
    /// <summary>The exit code eKuiper uses after an import with stop=1; a supervisor restarts on it (docs/operations.md).</summary>
    public const int RestartExitCode = 100;

    [JobDisplayName("Stop the server for a restart (exit code 100)")]
    [Queue(JobQueues.Control)]
    [AutomaticRetry(Attempts = 0)]
    public void Run()
    {
        logger.LogWarning("Stopping after an import with stop=1; exit code {ExitCode} asks the supervisor for a restart", RestartExitCode);
        Environment.ExitCode = RestartExitCode;
        lifetime.StopApplication();
    }
}
