using System.Diagnostics;

namespace Ekuiper.Api.Operability;

/// <summary>
/// One log line per request, written when its answer is done: <c>POST /data/import 400 12.3 ms</c> (category
/// <see cref="Category"/>, Information). First in the pipeline, so the status is the one the client got, error
/// answers and status-code pages included. Probes (<see cref="OperabilityEndpoints.Probes"/>) that succeed are logged
/// at Debug only: a scrape every few seconds would bury everything else.
/// </summary>
public sealed class RequestLogMiddleware(RequestDelegate next, ILoggerFactory loggers)
{
    public const string Category = "Ekuiper.Requests";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var escaped = false;
        try
        {
            await next(context);
        }
        catch
        {
            escaped = true; // nothing answered it: the server closes the connection with a 500
            throw;
        }
        finally
        {
            var status = escaped ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            var path = context.Request.PathBase + context.Request.Path;
            var level = status < StatusCodes.Status400BadRequest && OperabilityEndpoints.IsProbe(context.Request.Path)
                ? LogLevel.Debug
                : LogLevel.Information;
            if (_logger.IsEnabled(level))
            {
                _logger.Log(level, "{Method} {Path} {StatusCode} {ElapsedMilliseconds} ms", context.Request.Method,
                    path.Value, status, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1));
            }
        }
    }
}
