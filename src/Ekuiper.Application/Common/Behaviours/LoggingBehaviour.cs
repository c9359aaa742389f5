using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;

namespace Ekuiper.Application.Common.Behaviours;

/// <summary>Logs each use case with its duration, so slow imports show up in the server log.</summary>
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
            logger.LogInformation("{Request} handled in {Elapsed} ms", typeof(TRequest).Name, watch.ElapsedMilliseconds);
        }
    }
}
