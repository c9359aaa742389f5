using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Infrastructure.Artifacts;
using Ekuiper.Infrastructure.Jobs;
using Ekuiper.Infrastructure.Persistence;
using Ekuiper.Infrastructure.Services;
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
            builder.UseSqlite(ConnectionString(provider.GetRequiredService<IOptions<EkuiperOptions>>().Value.ResolveDatabasePath())));
        services.AddScoped<IEkuiperDbContext>(provider => provider.GetRequiredService<EkuiperDbContext>());
        services.AddDbContext<TaskStoreDbContext>((provider, builder) =>
            builder.UseSqlite(ConnectionString(provider.GetRequiredService<IOptions<EkuiperOptions>>().Value.ResolveTasksDatabasePath())));
        services.AddScoped<ITaskStore>(provider => provider.GetRequiredService<TaskStoreDbContext>());
        services.AddSingleton<IClock, SystemClock>();
        services.AddHttpClient(ArtifactFetcher.HttpClientName);
        services.AddSingleton<IArtifactFetcher, ArtifactFetcher>();
        services.AddBackgroundJobs();
        return services;
    }

    private static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        // Wait for a competing writer instead of failing with "database is locked".
        DefaultTimeout = 60,
    }.ToString();

    /// <summary>Creates the data directory, applies the checked-in migrations and switches SQLite to WAL journaling.</summary>
    public static async Task InitialiseDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<EkuiperOptions>>().Value;
        Directory.CreateDirectory(options.ResolveDataDirectory());
        Directory.CreateDirectory(Path.GetDirectoryName(options.ResolveDatabasePath())!);
        Directory.CreateDirectory(Path.GetDirectoryName(options.ResolveTasksDatabasePath())!);
        foreach (DbContext db in new DbContext[]
                 {
                     scope.ServiceProvider.GetRequiredService<EkuiperDbContext>(),
                     scope.ServiceProvider.GetRequiredService<TaskStoreDbContext>(),
                 })
        {
            await db.Database.MigrateAsync(cancellationToken);
            // WAL lets readers (export, status) proceed while an import writes, and survives a killed process.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
