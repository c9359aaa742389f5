using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>One line a test server logged, after the host's level filters (appsettings.json's among them).</summary>
public sealed record LogLine(string Category, LogLevel Level, string Message, Exception? Exception)
{
    /// <summary>Its place among the server's lines, from 1 (see <see cref="CapturedLogs.Mark"/>).</summary>
    public long Sequence { get; init; }
}

/// <summary>
/// A logger provider every test server has (<see cref="EkuiperApiFactory.Logs"/>): what the server logged, as an
/// operator would read it. Keeps the newest <see cref="Capacity"/> lines.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public const int Capacity = 10_000;

    private readonly ConcurrentQueue<LogLine> _lines = new();
    private long _sequence;

    public IReadOnlyList<LogLine> Lines => _lines.ToArray();

    /// <summary>Where the log stands now: <see cref="Since"/> gives what was logged after it.</summary>
    public long Mark() => Interlocked.Read(ref _sequence);

    /// <summary>The lines logged after <paramref name="mark"/> (e.g. not those of the start-up).</summary>
    public IReadOnlyList<LogLine> Since(long mark) => Lines.Where(l => l.Sequence > mark).ToList();

    /// <summary>The lines of <paramref name="category"/>.</summary>
    public IReadOnlyList<LogLine> Of(string category) => Lines.Where(l => l.Category == category).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(LogLine line)
    {
        _lines.Enqueue(line with { Sequence = Interlocked.Increment(ref _sequence) });
        while (_lines.Count > Capacity && _lines.TryDequeue(out _))
        {
        }
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Add(new LogLine(category, logLevel, formatter(state, exception), exception));
    }
}
