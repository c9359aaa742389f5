using Ekuiper.Infrastructure.Health;

namespace Ekuiper.Api.Operability;

/// <summary>
/// Holds every request but the probes (<c>/ping</c>, <see cref="OperabilityEndpoints.Probes"/>) until the part of the
/// start that runs after the server listens has finished (<see cref="StartupGate"/>: the store's artifacts installed
/// into the data directory). A request sent during the start is answered as it would be once the start is over, only
/// later; /readyz says not ready meanwhile. Once open, the gate costs one field read per request.
/// </summary>
public sealed class StartGateMiddleware(RequestDelegate next, StartupGate gate)
{
    public const string PingPath = "/ping";

    public Task InvokeAsync(HttpContext context) =>
        gate.IsOpen || IsExempt(context.Request.Path) ? next(context) : WaitThenAsync(context);

    private async Task WaitThenAsync(HttpContext context)
    {
        await gate.WaitAsync(context.RequestAborted);
        await next(context);
    }

    private static bool IsExempt(PathString path) =>
        path.Equals(PingPath, StringComparison.OrdinalIgnoreCase) || OperabilityEndpoints.IsProbe(path);
}
