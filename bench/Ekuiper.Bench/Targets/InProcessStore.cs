using Ekuiper.Application;
using Ekuiper.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ekuiper.Bench.Targets;

/// <summary>
/// The server's use cases without HTTP: the Application and Infrastructure services, exactly as Program.cs registers
/// them, over a store in its own data directory.
/// </summary>
public sealed class InProcessStore : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private InProcessStore(ServiceProvider services) => _services = services;

    public static async Task<InProcessStore> CreateAsync(string dataDirectory)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Ekuiper:DataDirectory"] = dataDirectory })
            .Build();
        var services = new ServiceCollection();
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
    }
}
