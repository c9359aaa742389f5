using System.Diagnostics.Metrics;
using Ekuiper.Application.Common.Metrics;
using Ekuiper.Infrastructure.Artifacts;
using Ekuiper.Infrastructure.Health;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;

namespace Ekuiper.Api.Operability;

/// <summary>
/// What makes the server operable (docs/operations.md): its content root, systemd, health checks, metrics and the
/// request log. Program.cs calls these four methods and nothing else of it.
/// </summary>
public static class OperabilitySetup
{
    /// <summary>
    /// The host's options: the content root (where appsettings.json is read) is the application's own folder, so the
    /// server reads its settings wherever it is started from — unless <c>--contentRoot</c> (or
    /// <c>ASPNETCORE_CONTENTROOT</c> / <c>DOTNET_CONTENTROOT</c>) names another.
    /// </summary>
    public static WebApplicationOptions ApplicationOptions(string[] args) => new()
    {
        Args = args,
        ContentRootPath = NamesContentRoot(args) ? null : AppContext.BaseDirectory,
    };

    private static bool NamesContentRoot(string[] args) =>
        new ConfigurationBuilder().AddCommandLine(args).Build()[HostDefaults.ContentRootKey] is { Length: > 0 }
        || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is { Length: > 0 }
        || Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT") is { Length: > 0 };

    public static WebApplicationBuilder AddOperability(this WebApplicationBuilder builder)
    {
        // Under systemd (Type=notify): READY=1 once started, STOPPING=1 on stop, and log lines in journald's format.
        // Elsewhere it does nothing.
        builder.Host.UseSystemd();
        // …except when Logging:Console:FormatterName asks for a formatter (json): the setting wins under systemd too.
        builder.Services.Configure<ConsoleLoggerOptions>(builder.Configuration.GetSection("Logging:Console"));

        builder.Services.AddHealthChecks().AddReadinessChecks();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddAspNetCoreInstrumentation()
                .AddMeter(EkuiperMetrics.MeterName)
                .AddPrometheusExporter();
            // OpenTelemetry listens to every meter of a name in the process; a host exports only its own meters'
            // measurements (those its IMeterFactory made), never another host's in the same process (the tests run several).
            ((IDeferredMeterProviderBuilder)metrics).Configure((services, configured) =>
            {
                var ours = services.GetRequiredService<IMeterFactory>();
                configured.AddView(instrument =>
                    instrument.Meter.Scope is { } scope && !ReferenceEquals(scope, ours) ? MetricStreamConfiguration.Drop : null);
            });
        });

        // The request log says what an operator needs of each request; the artifact client's own per-request lines
        // (four per download, a failed one with its stack) would repeat what the import's report and warning say.
        builder.Services.AddHttpClient(ArtifactFetcher.HttpClientName).RemoveAllLoggers();
        return builder;
    }

    /// <summary>First in the pipeline: the request log sees every answer (<see cref="RequestLogMiddleware"/>).</summary>
    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app) => app.UseMiddleware<RequestLogMiddleware>();
}
