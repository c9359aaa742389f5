using Ekuiper.Application;
using Ekuiper.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ekuiper.Bench.Targets;

/// <summary>
/// The server's use cases without HTTP: the Application and Infrastructure services, exactly as Program.cs registers
/// them, over a store in its own data directory (SQLite), or over a PostgreSQL database with that data directory.
/// </summary>
public sealed class InProcessStore : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private InProcessStore(ServiceProvider services) => _services = services;

    /// <param name="postgreSql">The connection string of the PostgreSQL database to use; null for SQLite files in the data directory.</param>
    public static async Task<InProcessStore> CreateAsync(string dataDirectory, string? postgreSql = null)
    {
        var settings = new Dictionary<string, string?> { ["Ekuiper:DataDirectory"] = dataDirectory };
        if (postgreSql is not null)
        {
            settings["Ekuiper:Store:Provider"] = "PostgreSql";
            settings["ConnectionStrings:Ekuiper"] = postgreSql;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        // As the host registers them: the PostgreSQL store reads its connection string from the configuration, and
        // stop=1 stops the host through its lifetime.
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostApplicationLifetime, Microsoft.Extensions.Hosting.Internal.ApplicationLifetime>();
        services.AddLogging();
        services.AddApplication();
        services.AddInfrastructure(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await provider.InitialiseDatabaseAsync();
        return new InProcessStore(provider);
    }

    /// <summary>Sends one request through the mediator in its own scope, as one HTTP request would.</summary>
    public async Task<TResponse> SendAsync<TResponse>(MediatR.IRequest<TResponse> request)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Send(request);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
    }
}
