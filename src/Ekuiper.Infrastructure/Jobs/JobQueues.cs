namespace Ekuiper.Infrastructure.Jobs;

/// <summary>Hangfire queues, each served by its own server (see <see cref="BackgroundJobsSetup"/>).</summary>
public static class JobQueues
{
    /// <summary>Background imports: one worker, first in first out.</summary>
    public const string Imports = "imports";

    /// <summary>Jobs that must not wait behind imports: the stop after stop=1.</summary>
    public const string Control = "control";
}
