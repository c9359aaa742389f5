using Ekuiper.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ekuiper.Infrastructure.Tests.Persistence;

/// <summary>A fresh data directory for each test, deleted after it, and the server's store registrations over it.</summary>
public abstract class DataDirectoryTest
{
    protected string DataDirectory { get; private set; } = null!;

    [SetUp]
    public void CreateDataDirectory() => DataDirectory = Directory.CreateTempSubdirectory("ekuiper-store-").FullName;

    [TearDown]
    public void DeleteDataDirectory()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>The stores as the server registers them (<see cref="StoreSetup.AddStores"/>), SQLite in <see cref="DataDirectory"/>.</summary>
    /// <param name="settings">More configuration, e.g. a PostgreSQL store.</param>
    protected ServiceProvider Services(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Ekuiper:DataDirectory"] = DataDirectory })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.Configure<EkuiperOptions>(configuration.GetSection("Ekuiper"));
        services.AddStores();
        return services.BuildServiceProvider();
    }
}
