using Ekuiper.Application.Common.Interfaces;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ekuiper.Infrastructure.Services;

/// <summary>
/// eKuiper's stop=1: this process stops gracefully with exit code 100, for its supervisor to restart it. A timer of
/// this process, never a persisted job: only the server that ran the import stops, and only now — a job in storage
/// shared by several servers could be picked up by another one, or after a restart.
/// </summary>
public sealed class ProcessStopper(IHostApplicationLifetime lifetime, ILogger<ProcessStopper> logger) : IApplicationStopper
{
    /// <summary>The exit code eKuiper uses after an import with stop=1; a supervisor restarts on it (docs/operations.md).</summary>
    public const int RestartExitCode = 100;

    /// <summary>eKuiper waits one second before it exits, so that the answer of the import gets out first.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    private int _stopping;

    public void StopSoon()
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 1)
        {
            return; // already on its way down
        }
        _ = Task.Run(async () =>
        {
            await Task.Delay(Delay);
            logger.LogWarning("Stopping after an import with stop=1; exit code {ExitCode} asks the supervisor for a restart", RestartExitCode);
            Environment.ExitCode = RestartExitCode;
            lifetime.StopApplication();
        });
    }
}
