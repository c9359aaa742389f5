using Ekuiper.Application.AsyncTasks;
using Ekuiper.Application.Store;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>
/// Stands in for the server's progress sink and holds a background import after every written batch until the test
/// lets it go on, so that a test can look at (or cancel) an import half way without racing it. Reports still reach
/// the server's own <see cref="LiveImports"/>, which is what GET /async/task/{id} shows.
/// </summary>
public sealed class ImportProgressProbe(LiveImports live) : IImportProgress
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private readonly SemaphoreSlim _batchWritten = new(0);
    private readonly SemaphoreSlim _goOn = new(0);
    private volatile bool _runFreely;

    public void Report(string taskId, int done, int total)
    {
        live.Report(taskId, done, total);
        if (done == 0 || _runFreely)
        {
            return;
        }
        _batchWritten.Release();
        // Bounded, so that a failed test cannot leave the import (and the server's shutdown) hanging for ever.
        _goOn.Wait(Limit);
    }

    /// <summary>Waits until the import has written its next batch and is held.</summary>
    public async Task BatchWrittenAsync()
    {
        if (!await _batchWritten.WaitAsync(Limit))
        {
            Assert.Fail("the import never wrote a batch");
        }
    }

    /// <summary>Lets the held import write one more batch.</summary>
    public void WriteNextBatch() => _goOn.Release();

    /// <summary>Lets every import run to its end without holding again.</summary>
    public void RunFreely()
    {
        _runFreely = true;
        _goOn.Release(1000);
    }
}
