using Ekuiper.Application.AsyncTasks;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Infrastructure.Persistence;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ekuiper.Infrastructure.Jobs;

public static class BackgroundJobsSetup
{
    public const string DashboardPath = "/hangfire";

    /// <summary>The schema of Hangfire's tables in the store's PostgreSQL database.</summary>
    public const string PostgreSqlSchema = "hangfire";

    /// <summary>
    /// Hangfire with one worker for the imports queue, over the store's provider: in memory beside SQLite (one server
    /// per store); in the store's PostgreSQL database otherwise, where every server's worker takes jobs from one queue
    /// and every dashboard shows every server and job. The tasks' lease renewal runs beside it.
    /// </summary>
    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services)
    {
        // This host's own storage and activator. Hangfire's defaults are process-wide statics, which every host in the
        // process would share (the integration tests run several at once) and run each other's jobs with.
        services.AddSingleton<JobStorage>(provider => StoreSetup.IsPostgreSql(provider)
            ? new PostgreSqlStorage(new NpgsqlConnectionFactory(StoreSetup.ConnectionString(provider), PostgreSqlOptions), PostgreSqlOptions)
            : new InMemoryStorage());
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, configuration) => configuration
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());

        // One worker: this server's background imports run one at a time, each joining this server's import line
        // when it starts (docs/architecture.md). The name tells the servers apart in the dashboard.
        services.AddHangfireServer((provider, options) =>
        {
            options.ServerName = provider.GetRequiredService<INodeIdentity>().Id;
            options.Queues = [JobQueues.Imports];
            options.WorkerCount = 1;
        });
        services.AddTransient<ImportJob>();
        services.AddSingleton<IImportJobScheduler, HangfireImportJobScheduler>();
        // stop=1 stops this process by a timer of its own, never through a job (Services/ProcessStopper).
        services.AddSingleton<IApplicationStopper, Services.ProcessStopper>();

        services.AddSingleton(provider =>
        {
            var tasks = provider.GetRequiredService<IOptions<EkuiperOptions>>().Value.Tasks;
            return new TaskSettings(StoreSetup.IsPostgreSql(provider), TimeSpan.FromSeconds(tasks.LeaseSeconds), TimeSpan.FromSeconds(tasks.TickSeconds));
        });
        services.AddHostedService<TaskLeaseService>();
        return services;
    }

    /// <summary>
    /// Hangfire's PostgreSQL storage as the nodes need it: its schema is installed by the store's start-up under the
    /// migration lock (<see cref="StoreSetup"/>), never lazily and never "degraded" — a server whose job storage does not
    /// work fails to start. A fetched job stays invisible to other workers while its server's heartbeat keeps it so
    /// (sliding), and comes back to the queue a few minutes after that server died. New jobs are announced with
    /// LISTEN/NOTIFY, and the queue is polled every second besides, so a queued job starts within about a second.
    /// </summary>
    private static readonly PostgreSqlStorageOptions PostgreSqlOptions = new()
    {
        SchemaName = PostgreSqlSchema,
        PrepareSchemaIfNecessary = false,
        AllowDegradedModeWithoutStorage = false,
        StartupConnectionMaxRetries = 0,
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = TimeSpan.FromMinutes(5),
        EnableLongPolling = true,
        QueuePollInterval = TimeSpan.FromSeconds(1),
    };

    /// <summary>
    /// Fails unless the job storage answers (the storage's own tables queried): called at start-up, after the store's
    /// migrations installed Hangfire's schema.
    /// </summary>
    public static void RequireJobStorage(this IServiceProvider services) =>
        services.GetRequiredService<JobStorage>().GetMonitoringApi().GetStatistics();

    /// <summary>
    /// The dashboard at /hangfire, read-only: tasks are cancelled through POST /async/task/{id}/cancel, which keeps
    /// their records true. Local requests only unless Ekuiper:Dashboard:AllowRemote is true; with
    /// <paramref name="requireAuthenticatedUser"/> (the management API's authentication is on) only for a request whose
    /// user the authentication middleware, which runs before, vouched for.
    /// </summary>
    public static IApplicationBuilder UseJobsDashboard(this IApplicationBuilder app, bool requireAuthenticatedUser = false)
    {
        var settings = app.ApplicationServices.GetRequiredService<IOptions<EkuiperOptions>>().Value.Dashboard;
        IDashboardAuthorizationFilter[] where = settings.AllowRemote ? [] : [new LocalRequestsOnlyAuthorizationFilter()];
        return app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            DashboardTitle = "Ekuiper background jobs",
            Authorization = requireAuthenticatedUser ? [new AuthenticatedUserFilter(), .. where] : where,
            IsReadOnlyFunc = _ => true,
            AppPath = null,
        });
    }

    private sealed class AuthenticatedUserFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.Identity?.IsAuthenticated == true;
    }
}
