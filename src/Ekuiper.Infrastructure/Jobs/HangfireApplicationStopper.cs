using Ekuiper.Application.Common.Interfaces;
using Hangfire;

namespace Ekuiper.Infrastructure.Jobs;

public sealed class HangfireApplicationStopper(IBackgroundJobClient client) : IApplicationStopper
{
    /// <summary>The job waits <see cref="StopApplicationJob.Delay"/> itself, on a queue no import can hold up.</summary>
    public void StopSoon() => client.Enqueue<StopApplicationJob>(JobQueues.Control, job => job.RunAsync(CancellationToken.None));
}
