using Microsoft.Extensions.Hosting;

namespace Ekuiper.Infrastructure.Health;

/// <summary>
/// What of the start runs after the server listens (<see cref="DependencyInjection.FinishStartInBackground"/>: the
/// tasks of the previous run marked interrupted, the store's artifacts installed into the data directory). Until it
/// has finished, every request but the probes waits for it (the API's start gate middleware) and /readyz says the
/// store is not ready, so that no request sees a half-started server. A host that stops during the start waits for
/// the work (<see cref="StopWaiter"/>) before it disposes the services the work uses, the data directory's lock among them.
/// </summary>
public sealed class StartupGate : IAsyncDisposable
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _work = Task.CompletedTask;

    /// <summary>Whether the start's work has finished, well or not (or there was none to do).</summary>
    public bool IsOpen => _done.Task.IsCompleted;

    /// <summary>Why the start's work failed (the server is stopping then), or null.</summary>
    public Exception? Failure => _done.Task.Exception?.InnerException;

    /// <summary>Completes when the start's work has finished; throws its failure if it failed.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _done.Task.WaitAsync(cancellationToken);

    /// <summary>Runs <paramref name="work"/> aside and opens the gate when it has finished, however it finished.</summary>
    public void Run(Func<Task> work)
    {
        _work = Task.Run(async () =>
        {
            try
            {
                await work();
                _done.TrySetResult();
            }
            catch (Exception e)
            {
                _done.TrySetException(e);
            }
        });
    }

    /// <summary>Opens the gate with nothing run (a start that did all its work before listening).</summary>
    public void Open() => _done.TrySetResult();

    public async ValueTask DisposeAsync() => await _work;

    /// <summary>A hosted service whose stop waits for the start's work, so that it ends before the host's services are disposed.</summary>
    public sealed class StopWaiter(StartupGate gate) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => gate._work.WaitAsync(cancellationToken);
    }
}
