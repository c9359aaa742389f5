using Ekuiper.Application.Common.Behaviours;
using Ekuiper.Application.Store;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Infrastructure.Persistence;
using Ekuiper.Infrastructure.Services;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Ekuiper.Application.Tests;

/// <summary>
/// The application's real registrations and handlers over in-memory SQLite stores; the ports that reach outside the
/// process (job scheduler, stopper, fetcher) are Moqs.
/// </summary>
public sealed class ApplicationHarness : IDisposable
{
    private readonly InMemoryStore _definitions = new();
    private readonly SqliteConnection _tasks = new("DataSource=:memory:");
    private readonly ServiceProvider _services;

    /// <param name="configure">Registrations after the harness's own, e.g. other settings.</param>
    public ApplicationHarness(Action<IServiceCollection>? configure = null)
    {
        _tasks.Open();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddApplication();
        services.AddDbContext<EkuiperDbContext>(options => options.UseSqlite(_definitions.Connection));
        services.AddScoped<IEkuiperDbContext>(provider => provider.GetRequiredService<EkuiperDbContext>());
        services.AddDbContext<TaskStoreDbContext>(options => options.UseSqlite(_tasks));
        services.AddScoped<ITaskStore>(provider => provider.GetRequiredService<TaskStoreDbContext>());
        services.AddSingleton<IClock, SystemClock>();
        var node = new Mock<INodeIdentity>();
        node.SetupGet(n => n.Id).Returns(NodeId);
        services.AddSingleton(node.Object);
        services.AddSingleton(Scheduler.Object);
        services.AddSingleton(Stopper.Object);
        services.AddSingleton(new Mock<IRulesetYaml>().Object);
        services.AddSingleton(Fetcher.Object);
        // No artifact is installed here: every staging succeeds and declares nothing, scripts compile.
        var staging = new Mock<IArtifactStaging>();
        staging.Setup(s => s.StageAsync(It.IsAny<ArtifactDefinition>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var installer = new Mock<IArtifactInstaller>();
        installer.Setup(i => i.Begin()).Returns(() => staging.Object);
        services.AddSingleton(installer.Object);
        services.AddSingleton(new Mock<IScriptCompiler>().Object);
        var functions = new Mock<IFunctionCatalogue>();
        functions.Setup(f => f.ListAsync(It.IsAny<CancellationToken>())).ReturnsAsync([]);
        functions.Setup(f => f.Of(It.IsAny<IEnumerable<ArtifactDefinition>>())).Returns([]);
        services.AddSingleton(functions.Object);
        // A queued import's job id is "job-of-" and the task id.
        Scheduler.Setup(s => s.EnqueueImport(It.IsAny<string>())).Returns<string>(id => "job-of-" + id);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();

        using var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TaskStoreDbContext>().Database.Migrate();
    }

    public Mock<IImportJobScheduler> Scheduler { get; } = new();
    public Mock<IApplicationStopper> Stopper { get; } = new();
    public Mock<IArtifactFetcher> Fetcher { get; } = new();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Sends <paramref name="request"/> in a scope of its own, as one HTTP request or one job would.</summary>
    public async Task<T> SendAsync<T>(IRequest<T> request, CancellationToken cancellationToken = default)
    {
        using var scope = _services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, cancellationToken);
    }

    /// <summary>
    /// The export document's bytes: written within the request's scope, as the response is, because a whole-store
    /// export streams from the scope's store context.
    /// </summary>
    public async Task<byte[]> ExportAsync(Application.DataExport.Queries.ExportRuleset.ExportRuleset request)
    {
        using var scope = _services.CreateScope();
        var export = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
        using var buffer = new MemoryStream();
        await export.WriteToAsync(buffer, CancellationToken.None);
        return buffer.ToArray();
    }

    /// <summary>Runs <paramref name="use"/> with a scope of its own, for the services of one request (the importer, …).</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        using var scope = _services.CreateScope();
        return await use(scope.ServiceProvider);
    }

    /// <summary>Runs <paramref name="use"/> inside one store write of its own scope, as the pipeline runs a write's handler.</summary>
    public async Task<T> InStoreWriteAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        using var scope = _services.CreateScope();
        var services = scope.ServiceProvider;
        var write = new StoreWriteBehaviour<StoreWriteProbe, T>(services.GetRequiredService<IImportGate>(),
            services.GetRequiredService<IEkuiperDbContext>(), services.GetRequiredService<StoreWriteUnit>(),
            services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<StoreWriteBehaviour<StoreWriteProbe, T>>>());
        return await write.Handle(new StoreWriteProbe(), CancellationToken.None, () => use(services));
    }

    private sealed record StoreWriteProbe : IStoreWrite;

    public async Task<AsyncTaskRecord?> TaskAsync(string id)
    {
        using var scope = _services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<TaskStoreDbContext>().AsyncTasks.AsNoTracking()
            .FirstOrDefaultAsync(t => t.Id == id);
    }

    /// <summary>The harness's node id (<see cref="INodeIdentity"/>).</summary>
    public const string NodeId = "test-node";

    public async Task AddTaskAsync(string id, string status, string message = "", string? owner = NodeId)
    {
        using var scope = _services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<TaskStoreDbContext>();
        var now = DateTimeOffset.UtcNow;
        store.AsyncTasks.Add(new AsyncTaskRecord { Id = id, Status = status, Message = message, CreatedAt = now, UpdatedAt = now, Owner = owner });
        await store.SaveChangesAsync();
    }

    public async Task<List<string>> StreamNamesAsync()
    {
        using var scope = _services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<EkuiperDbContext>().Streams.Select(s => s.Name).ToListAsync();
    }

    public void Dispose()
    {
        _services.Dispose();
        _definitions.Dispose();
        _tasks.Dispose();
    }
}
