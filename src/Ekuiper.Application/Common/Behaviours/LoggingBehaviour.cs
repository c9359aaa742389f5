using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;

namespace Ekuiper.Application.Common.Behaviours;

/// <summary>
/// Logs each use case with its duration at Debug: the request log (one line per HTTP request) and the import
/// warnings are what an operator reads; this is for tracing which use case took the time, background ones included.
/// </summary>
public sealed class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            return await next();
        }
        finally
        {
            logger.LogDebug("{Request} handled in {Elapsed} ms", typeof(TRequest).Name, watch.ElapsedMilliseconds);
        }
    }
}
