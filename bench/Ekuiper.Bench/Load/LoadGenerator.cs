using System.Diagnostics;

namespace Ekuiper.Bench.Load;

/// <summary>What one load run measured: the requests that started inside its window.</summary>
/// <param name="WindowMilliseconds">How long the window lasted.</param>
/// <param name="Failures">Answers other than 200, and requests that failed, inside the window.</param>
/// <param name="GeneratorCpuShare">The bench's CPU time over the bench's and the server's together during the window.</param>
/// <param name="ServerCpuMilliseconds">The server process's CPU time (user + system) during the window.</param>
public sealed record LoadResult(string Path, int Connections, double WindowMilliseconds, LatencyHistogram Latencies, long Failures,
    double GeneratorCpuShare, double ServerCpuMilliseconds)
{
    public double RequestsPerSecond => Latencies.Count / (WindowMilliseconds / 1000.0);

    /// <summary>
    /// The server's CPU time per request in µs: what a request costs the server whatever else the machine runs
    /// (in the import runs, the import's own CPU time is in it too).
    /// </summary>
    public double ServerCpuMicrosecondsPerRequest => ServerCpuMilliseconds * 1000 / Latencies.Count;
}

/// <summary>
/// N concurrent keep-alive loops, each on its own connection (<see cref="RawHttpConnection"/>), sending the same GET
/// back to back. A driver opens and closes the measuring window (after a warm-up, or around an import); a request
/// counts when it started inside the window, and its latency is to the end of its answer's body, so one that waited
/// past the window's end is still counted, with its whole wait.
/// </summary>
public sealed class LoadGenerator(Uri server, int connections)
{
    public async Task<LoadResult> RunAsync(string path, Func<Window, Task> driver, int serverProcessId)
    {
        var request = RawHttpConnection.Get(server, path);
        var window = new Window(serverProcessId);
        var loops = new Loop[connections];
        var tasks = new Task[connections];
        for (var i = 0; i < connections; i++)
        {
            loops[i] = new Loop();
            var loop = loops[i];
            tasks[i] = Task.Run(() => loop.RunAsync(server, request, window));
        }
        try
        {
            await driver(window);
            window.Stop();
        }
        finally
        {
            window.Stop();
            await Task.WhenAll(tasks);
        }
        var latencies = new LatencyHistogram();
        long failures = 0;
        foreach (var loop in loops)
        {
            latencies.Add(loop.Latencies);
            failures += loop.Failures;
        }
        if (window.End == long.MaxValue)
        {
            throw new InvalidOperationException("the load driver never closed its window");
        }
        return new LoadResult(path, connections, Stopwatch.GetElapsedTime(window.Start, window.End).TotalMilliseconds, latencies,
            failures, window.GeneratorCpuShare, window.ServerCpuMilliseconds);
    }

    /// <summary>The measuring window, opened and closed by the driver; stopping ends every loop after its current request.</summary>
    public sealed class Window(int serverProcessId)
    {
        private volatile bool _stopped;
        private TimeSpan _benchCpu;
        private TimeSpan _serverCpu;

        public long Start { get; private set; } = long.MaxValue;
        public long End { get; private set; } = long.MaxValue;
        public bool Stopped => _stopped;
        public double GeneratorCpuShare { get; private set; } = double.NaN;
        public double ServerCpuMilliseconds { get; private set; } = double.NaN;

        public void Open()
        {
            _benchCpu = Process.GetCurrentProcess().TotalProcessorTime;
            _serverCpu = ServerCpu();
            Start = Stopwatch.GetTimestamp();
        }

        /// <summary>Moves the opening back to <paramref name="timestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
        public void OpenedAt(long timestamp) => Start = timestamp;

        public void Close()
        {
            End = Stopwatch.GetTimestamp();
            var bench = Process.GetCurrentProcess().TotalProcessorTime - _benchCpu;
            var server = ServerCpu() - _serverCpu;
            GeneratorCpuShare = bench / (bench + server);
            ServerCpuMilliseconds = server.TotalMilliseconds;
        }

        public void Stop() => _stopped = true;

        private TimeSpan ServerCpu()
        {
            using var process = Process.GetProcessById(serverProcessId);
            return process.TotalProcessorTime;
        }
    }

    private sealed class Loop
    {
        public LatencyHistogram Latencies { get; } = new();
        public long Failures { get; private set; }

        public async Task RunAsync(Uri server, byte[] request, Window window)
        {
            using var connection = new RawHttpConnection(server);
            while (!window.Stopped)
            {
                var started = Stopwatch.GetTimestamp();
                int status;
                try
                {
                    status = await connection.SendAsync(request);
                }
                catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidDataException)
                {
                    connection.Dispose();
                    status = 0;
                }
                var ended = Stopwatch.GetTimestamp();
                if (started < window.Start || started >= window.End)
                {
                    continue;
                }
                if (status != 200)
                {
                    Failures++;
                }
                Latencies.Record((long)Stopwatch.GetElapsedTime(started, ended).TotalMicroseconds);
            }
        }
    }
}
