using Ekuiper.Application.AsyncTasks.Commands.MarkInterruptedTasks;
using Ekuiper.Application.Backups;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Infrastructure.Artifacts;
using Ekuiper.Infrastructure.Health;
using Ekuiper.Infrastructure.Jobs;
using Ekuiper.Infrastructure.Persistence;
using Ekuiper.Infrastructure.Scripts;
using Ekuiper.Infrastructure.Services;
using Ekuiper.Infrastructure.Uploads;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ekuiper.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EkuiperOptions>(configuration.GetSection(EkuiperOptions.SectionName));
        // One server per data directory; held as long as the host's services live (PrepareStoresAsync takes it).
        services.AddSingleton<DataDirectoryLock>();
        services.AddStores();
        services.AddSingleton<IClock, SystemClock>();
        services.AddSingleton<INodeIdentity, NodeIdentity>();
        // Every http(s):// fetch connects through the guard: no link-local or cloud-metadata address, whatever the DNS says.
        services.AddSingleton<IFetchNetwork, SystemFetchNetwork>();
        services.AddSingleton<OutboundFetchGuard>();
        services.AddHttpClient(ArtifactFetcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<OutboundFetchGuard>().CreateHandler());
        services.AddSingleton<IArtifactFetcher, ArtifactFetcher>();
        services.AddSingleton<ArtifactManifest>();
        services.AddSingleton<ArtifactStore>();
        services.AddSingleton<ArtifactMaterialiser>();
        services.AddHostedService<ArtifactSyncService>();
        services.AddSingleton<StartupGate>();
        services.AddHostedService<StartupGate.StopWaiter>();
        services.AddSingleton<IArtifactInstaller>(provider => provider.GetRequiredService<ArtifactStore>());
        services.AddSingleton<IScriptCompiler, JintScriptCompiler>();
        services.AddSingleton<IRulesetYaml, Formatting.RulesetYaml>();
        services.AddScoped<IFunctionCatalogue, InstalledFunctionCatalogue>();
        services.AddSingleton<IUploadStore, UploadStore>();
        services.AddSingleton<IServerEnvironment, ServerEnvironment>();
        services.AddSingleton(provider => new BackupSettings(provider.GetRequiredService<IOptions<EkuiperOptions>>().Value.Backups.Keep));
        services.AddBackgroundJobs();
        return services;
    }

    /// <summary>
    /// Takes the data directory's lock (<see cref="DataDirectoryLock"/>), then creates the data directory, applies the
    /// checked-in migrations and switches SQLite to WAL journaling (both stores), checks the job storage answers, and
    /// installs into the data directory the artifacts the store holds (<see cref="ArtifactMaterialiser"/>).
    /// </summary>
    /// <exception cref="DataDirectoryInUseException">Another server uses the data directory; nothing was touched.</exception>
    public static async Task InitialiseDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await services.PrepareStoresAsync(cancellationToken);
        await services.InstallStoredArtifactsAsync(cancellationToken);
        services.GetRequiredService<StartupGate>().Open();
    }

    /// <summary>
    /// What the server does before it listens: the data directory's lock, the data directory, both stores migrated
    /// (WAL on SQLite), the job storage answering. Then <see cref="FinishStartInBackground"/>.
    /// </summary>
    /// <exception cref="DataDirectoryInUseException">Another server uses the data directory; nothing was touched.</exception>
    public static async Task PrepareStoresAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await services.GetRequiredService<DataDirectoryLock>().AcquireAsync(cancellationToken);
        using var scope = services.CreateScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<EkuiperOptions>>().Value;
        Directory.CreateDirectory(options.ResolveDataDirectory());
        Directory.CreateDirectory(options.ResolveImportDirectory()); // the default place for file:// imports
        await StoreSetup.MigrateStoresAsync(scope.ServiceProvider, cancellationToken);
        // A server whose job storage does not answer does not start, rather than run without background imports.
        services.RequireJobStorage();
    }

    /// <summary>
    /// The rest of the start, aside, while the server starts listening: the tasks the previous run left registered or
    /// running marked interrupted (<see cref="MarkInterruptedTasks"/>), then the store's artifacts installed into the
    /// data directory. <see cref="StartupGate"/> holds every request but the probes until both are done, and /readyz
    /// says not ready until then. No task of this run can be marked: on SQLite the job queue lives in memory and
    /// fills only from requests, which wait; on PostgreSQL nothing is marked at start. A failure to mark stops the
    /// server (exit code 1), as it stopped the start before: the requests that waited are answered with the error.
    /// </summary>
    public static void FinishStartInBackground(this IServiceProvider services) =>
        services.GetRequiredService<StartupGate>().Run(async () =>
        {
            try
            {
                await services.MarkInterruptedTasksAsync();
            }
            catch (Exception e)
            {
                services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DependencyInjection))
                    .LogCritical(e, "Marking the tasks of the previous run as interrupted failed: the server stops");
                Environment.ExitCode = 1;
                services.GetService<IHostApplicationLifetime>()?.StopApplication();
                throw;
            }
            await services.InstallStoredArtifactsAsync(CancellationToken.None);
        });

    private static async Task InstallStoredArtifactsAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<ArtifactMaterialiser>().SyncAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Served all the same: ArtifactSyncService tries again within a second, and the checks read the store.
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DependencyInjection))
                .LogError(e, "Installing the store's artifacts at start failed");
        }
    }
}
