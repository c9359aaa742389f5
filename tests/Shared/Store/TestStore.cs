using System.Collections.Concurrent;

namespace Ekuiper.Testing;

/// <summary>
/// Which store the test servers run on. The integration and reliability suites are each compiled twice: over SQLite
/// files, and with STORE_POSTGRESQL over a throw-away PostgreSQL 15 cluster the run starts itself (<c>PostgresCluster</c>),
/// one fresh database per data directory unless two directories are told to share one.
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
    /// The settings (configuration keys) that put a server over <paramref name="dataDirectory"/> on this suite's store:
    /// none for SQLite (its files live in the data directory); for PostgreSQL, the provider and the directory's
    /// database, the same for every server given that directory (that is how a test restarts a server).
    /// </summary>
    public static IReadOnlyDictionary<string, string> SettingsFor(string dataDirectory) =>
        IsPostgreSql
            ? new Dictionary<string, string>
            {
                ["Ekuiper:Store:Provider"] = "PostgreSql",
                ["ConnectionStrings:Ekuiper"] = ConnectionStringFor(dataDirectory),
            }
            : new Dictionary<string, string>();

    /// <summary>The same settings as environment variables, for a server process.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentFor(string dataDirectory) =>
        SettingsFor(dataDirectory).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);

    /// <summary>The connection string of the database servers over <paramref name="dataDirectory"/> use (PostgreSQL only).</summary>
    public static string ConnectionStringFor(string dataDirectory) =>
        Databases.GetOrAdd(dataDirectory, _ => new Lazy<string>(CreateDatabase)).Value;

    /// <summary>Servers over <paramref name="dataDirectory"/> use the database of <paramref name="withDirectory"/>: several nodes, one store.</summary>
    public static void ShareDatabase(string dataDirectory, string withDirectory) =>
        Databases[dataDirectory] = Databases.GetOrAdd(withDirectory, _ => new Lazy<string>(CreateDatabase));

    /// <summary>Closes the idle connections of servers that have stopped (in-process test servers leave pools behind).</summary>
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
