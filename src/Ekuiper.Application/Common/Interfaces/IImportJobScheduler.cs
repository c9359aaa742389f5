namespace Ekuiper.Application.Common.Interfaces;

/// <summary>Runs background imports as jobs (Hangfire in Infrastructure).</summary>
public interface IImportJobScheduler
{
    /// <summary>Queues the job that runs task <paramref name="taskId"/>; returns the job's id.</summary>
    string EnqueueImport(string taskId);

    /// <summary>Withdraws a queued job that has not started (a task cancelled before it ran).</summary>
    void CancelImport(string jobId);
}
