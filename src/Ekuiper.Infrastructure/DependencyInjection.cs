using Ekuiper.Application.Backups;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Infrastructure.Artifacts;
using Ekuiper.Infrastructure.Jobs;
using Ekuiper.Infrastructure.Persistence;
using Ekuiper.Infrastructure.Scripts;
using Ekuiper.Infrastructure.Services;
using Ekuiper.Infrastructure.Uploads;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ekuiper.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EkuiperOptions>(configuration.GetSection(EkuiperOptions.SectionName));
        services.AddDbContext<EkuiperDbContext>((provider, builder) =>
            UseStore(builder, provider.GetRequiredService<IOptions<EkuiperOptions>>().Value.ResolveDatabasePath()));
        services.AddScoped<IEkuiperDbContext>(provider => provider.GetRequiredService<EkuiperDbContext>());
        // Task records in a file of their own: an import's transaction holds its file's only write lock (decision 8).
        services.AddDbContext<TaskStoreDbContext>((provider, builder) =>
            UseStore(builder, provider.GetRequiredService<IOptions<EkuiperOptions>>().Value.ResolveTasksDatabasePath()));
        services.AddScoped<ITaskStore>(provider => provider.GetRequiredService<TaskStoreDbContext>());
        services.AddSingleton<IClock, SystemClock>();
        services.AddHttpClient(ArtifactFetcher.HttpClientName);
        services.AddSingleton<IArtifactFetcher, ArtifactFetcher>();
        services.AddSingleton<ArtifactStore>();
        services.AddSingleton<IArtifactInstaller>(provider => provider.GetRequiredService<ArtifactStore>());
        services.AddSingleton<IScriptCompiler, JintScriptCompiler>();
        services.AddScoped<IFunctionCatalogue, InstalledFunctionCatalogue>();
        services.AddSingleton<IUploadStore, UploadStore>();
        services.AddSingleton<IServerEnvironment, ServerEnvironment>();
        services.AddSingleton(provider => new BackupSettings(provider.GetRequiredService<IOptions<EkuiperOptions>>().Value.Backups.Keep));
        services.AddBackgroundJobs();
        return services;
    }

    /// <summary>Creates the data directory, applies the checked-in migrations and switches SQLite to WAL journaling (both stores).</summary>
    public static async Task InitialiseDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<EkuiperOptions>>().Value;
        Directory.CreateDirectory(options.ResolveDataDirectory());
        Directory.CreateDirectory(options.ResolveImportDirectory()); // the default place for file:// imports
        await MigrateAsync(scope.ServiceProvider.GetRequiredService<EkuiperDbContext>(), options.ResolveDatabasePath(), cancellationToken);
        await MigrateAsync(scope.ServiceProvider.GetRequiredService<TaskStoreDbContext>(), options.ResolveTasksDatabasePath(), cancellationToken);
    }

    /// <summary>Every store file is opened alike: a long busy timeout and the per-connection settings.</summary>
    private static void UseStore(DbContextOptionsBuilder builder, string path) =>
        builder.UseSqlite(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            // Wait for a competing writer instead of failing with "database is locked".
            DefaultTimeout = 60,
        }.ToString()).AddInterceptors(new SqliteConnectionSettings());

    private static async Task MigrateAsync(DbContext store, string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await store.Database.MigrateAsync(cancellationToken);
        // WAL lets readers (export, status) proceed while an import writes, and survives a killed process.
        await store.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }
}
