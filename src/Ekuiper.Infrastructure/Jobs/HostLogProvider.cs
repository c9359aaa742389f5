using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;


namespace Ekuiper.Infrastructure.Jobs
{
    /// <summary>
    /// Hangfire's log provider is process-wide while a logger factory dies with its host. When a host stops (the
    /// integration tests run many, one after another and side by side), the loggers Hangfire still asks it for would
    /// throw <see cref="ObjectDisposedException"/> inside other hosts' job calls; this provider answers a silent
    /// logger instead.
    /// </summary>
    public sealed class HostLogProvider(ILoggerFactory loggerFactory) : ILogProvider
    {
        private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

        public ILog GetLogger(string name)
        {
            try
            {
                return _inner.GetLogger(name);
            }
            catch (ObjectDisposedException)
            {
                return SilentLog.Instance;
            }
        }

        private sealed class SilentLog : ILog
        {
            public static readonly SilentLog Instance = new();

            public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
        }
    }
}
