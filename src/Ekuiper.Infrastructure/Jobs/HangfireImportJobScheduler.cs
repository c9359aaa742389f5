using Ekuiper.Application.Common.Interfaces;
using Hangfire;

namespace Ekuiper.Infrastructure.Jobs;

public sealed class HangfireImportJobScheduler(IBackgroundJobClient client) : IImportJobScheduler
{
    public string EnqueueImport(string taskId) =>
        // The PerformContext and token arguments are placeholders: Hangfire passes the real ones when the job runs.
        client.Enqueue<ImportJob>(JobQueues.Imports, job => job.RunAsync(taskId, null, CancellationToken.None));

    public void CancelImport(string jobId) => client.Delete(jobId);
}
