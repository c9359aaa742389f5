using Ekuiper.Application.Common.Interfaces;
using Hangfire;

namespace Ekuiper.Infrastructure.Jobs;

public sealed class HangfireApplicationStopper(IBackgroundJobClient client) : IApplicationStopper
{
    /// <summary>eKuiper waits one second before it exits, so the answer of the import gets out first.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    public void StopSoon() => client.Schedule<StopApplicationJob>(job => job.Run(), Delay);
}
