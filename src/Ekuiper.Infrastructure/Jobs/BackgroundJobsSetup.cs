using Ekuiper.Application.Common.Interfaces;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ekuiper.Infrastructure.Jobs;

public static class BackgroundJobsSetup
{
    public const string DashboardPath = "/hangfire";

    /// <summary>Hangfire over in-memory storage, with one server for the imports queue.</summary>
    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services)
    {
        // This host's own storage and activator. Hangfire's defaults are process-wide statics, which every host in the
        // process would share (the integration tests run several at once) and run each other's jobs with.
        services.AddSingleton<JobStorage>(_ => new InMemoryStorage());
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, configuration) => configuration
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());

        // One worker: import jobs run in the order they were queued, which is the order of their places in the import
        // line (IImportGate.Reserve), so the worker never waits on a place held by a job queued behind it.
        services.AddHangfireServer(options =>
        {
            options.ServerName = $"{Environment.MachineName}:imports";
            options.Queues = [JobQueues.Imports];
            options.WorkerCount = 1;
        });
        services.AddTransient<ImportJob>();
        services.AddSingleton<IImportJobScheduler, HangfireImportJobScheduler>();
        // stop=1 stops this process by a timer of its own, never through a job (Services/ProcessStopper).
        services.AddSingleton<IApplicationStopper, Services.ProcessStopper>();
        return services;
    }

    /// <summary>
    /// The dashboard at /hangfire, read-only: tasks are cancelled through POST /async/task/{id}/cancel, which keeps
    /// their records true. Local requests only unless Ekuiper:Dashboard:AllowRemote is true.
    /// </summary>
    public static IApplicationBuilder UseJobsDashboard(this IApplicationBuilder app)
    {
        var settings = app.ApplicationServices.GetRequiredService<IOptions<EkuiperOptions>>().Value.Dashboard;
        return app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            DashboardTitle = "Ekuiper background jobs",
            Authorization = settings.AllowRemote ? [] : [new LocalRequestsOnlyAuthorizationFilter()],
            IsReadOnlyFunc = _ => true,
            AppPath = null,
        });
    }
}
