namespace Ekuiper.Infrastructure.Jobs;

/// <summary>Hangfire queues (see <see cref="BackgroundJobsSetup"/>).</summary>
public static class JobQueues
{
    /// <summary>Background imports: one worker, first in first out.</summary>
    public const string Imports = "imports";
}
