using System.Text.Json;
using Ekuiper.Infrastructure.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ekuiper.Api.Operability;

/// <summary>
/// /healthz (the process answers), /readyz (<see cref="ReadinessChecks"/>: 503 naming the failing check) and
/// /metrics (Prometheus, through OpenTelemetry). docs/operations.md describes them for operators.
/// </summary>
public static class OperabilityEndpoints
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";
    public const string MetricsPath = "/metrics";

    /// <summary>The paths probes and scrapers call every few seconds.</summary>
    public static readonly IReadOnlyList<string> Probes = [LivenessPath, ReadinessPath, MetricsPath];

    public static bool IsProbe(PathString path) =>
        Probes.Any(probe => path.Equals(probe, StringComparison.OrdinalIgnoreCase));

    public static IEndpointRouteBuilder MapOperabilityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Alive: the process serves requests. No check runs, so a store outage never gets the process restarted.
        // Both probes stay open with authentication on (a probe carries no token; they tell nothing stored), as /ping;
        // /metrics needs the token then, which Prometheus sends as its bearer credentials.
        endpoints.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteReportAsync })
            .AllowAnonymous();
        endpoints.MapHealthChecks(ReadinessPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadinessChecks.ReadyTag),
            ResponseWriter = WriteReportAsync,
        }).AllowAnonymous();
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
        return endpoints;
    }

    /// <summary>
    /// <c>{"status":"Unhealthy","checks":{"store":{"status":"Unhealthy","description":"…"},"jobs":{"status":"Healthy"}}}</c>;
    /// the status code (200, or 503 when a check is unhealthy) is the middleware's.
    /// </summary>
    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("status", report.Status.ToString());
            writer.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                writer.WriteStartObject(name);
                writer.WriteString("status", entry.Status.ToString());
                if (entry.Status != HealthStatus.Healthy && entry.Description is { Length: > 0 } description)
                {
                    writer.WriteString("description", description);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return context.Response.Body.WriteAsync(buffer.ToArray()).AsTask();
    }
}
