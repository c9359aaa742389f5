using System.Collections.Concurrent;
#if STORE_POSTGRESQL
using Ekuiper.Testing;
#endif

namespace Ekuiper.Api.IntegrationTests;

/// <summary>
/// Which store the test servers run on. This suite is compiled twice: as Ekuiper.Api.IntegrationTests over SQLite files,
/// and as Ekuiper.Api.IntegrationTests.PostgreSql (STORE_POSTGRESQL) over a throw-away PostgreSQL 15 cluster that the
/// run starts itself (<c>PostgresCluster</c>), one fresh database per data directory.
/// </summary>
public static class TestStore
{
#if STORE_POSTGRESQL
    public static readonly bool IsPostgreSql = true;
#else
    public static readonly bool IsPostgreSql = false;
#endif

    private static readonly ConcurrentDictionary<string, Lazy<string>> Databases = new(StringComparer.Ordinal);

    /// <summary>
    /// The settings that put a server over <paramref name="dataDirectory"/> on this suite's store: none for SQLite (its
    /// files live in the data directory); for PostgreSQL, the provider and a database of its own, the same for every
    /// server given that directory (that is how a test restarts a server).
    /// </summary>
    public static IReadOnlyDictionary<string, string> SettingsFor(string dataDirectory)
    {
        if (!IsPostgreSql)
        {
            return new Dictionary<string, string>();
        }
        var connectionString = Databases.GetOrAdd(dataDirectory, _ => new Lazy<string>(CreateDatabase)).Value;
        return new Dictionary<string, string>
        {
            ["Ekuiper:Store:Provider"] = "PostgreSql",
            ["ConnectionStrings:Ekuiper"] = connectionString,
        };
    }

    /// <summary>Closes the idle connections of every server that has stopped (the tests' data directories go with them).</summary>
    public static void ReleaseConnections()
    {
        if (IsPostgreSql)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
        }
    }

    private static string CreateDatabase()
    {
#if STORE_POSTGRESQL
        PostgresCluster.RequireInstalled();
        var created = Task.Run(async () => await (await PostgresCluster.SharedAsync()).CreateDatabaseAsync()).GetAwaiter().GetResult();
        // Hundreds of test servers each leave a pool behind: let idle connections go soon, or the cluster runs out.
        return new Npgsql.NpgsqlConnectionStringBuilder(created) { ConnectionIdleLifetime = 2, ConnectionPruningInterval = 1 }.ConnectionString;
#else
        throw new InvalidOperationException("this suite runs over SQLite");
#endif
    }
}
