using System.Collections.Concurrent;
#if STORE_POSTGRESQL
using Ekuiper.Testing;
#endif

namespace Ekuiper.Reliability.Tests;

/// <summary>
/// Which store the server processes run on. This suite is compiled twice: as Ekuiper.Reliability.Tests over SQLite
/// files, and as Ekuiper.Reliability.Tests.PostgreSql (STORE_POSTGRESQL) over a throw-away PostgreSQL 15 cluster the run
/// starts itself, one fresh database per data directory unless two directories are told to share one.
/// </summary>
public static class TestStore
{
#if STORE_POSTGRESQL
    public static readonly bool IsPostgreSql = true;
#else
    public static readonly bool IsPostgreSql = false;
#endif

    private static readonly ConcurrentDictionary<string, Lazy<string>> Databases = new(StringComparer.Ordinal);

    /// <summary>Environment variables that put a server over <paramref name="dataDirectory"/> on this suite's store.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentFor(string dataDirectory)
    {
        if (!IsPostgreSql)
        {
            return new Dictionary<string, string>();
        }
        return new Dictionary<string, string>
        {
            ["Ekuiper__Store__Provider"] = "PostgreSql",
            ["ConnectionStrings__Ekuiper"] = Databases.GetOrAdd(dataDirectory, _ => new Lazy<string>(CreateDatabase)).Value,
        };
    }

    /// <summary>The connection string of the database servers over <paramref name="dataDirectory"/> use (PostgreSQL only).</summary>
    public static string ConnectionStringFor(string dataDirectory) =>
        Databases.GetOrAdd(dataDirectory, _ => new Lazy<string>(CreateDatabase)).Value;

    /// <summary>Servers over <paramref name="dataDirectory"/> use the database of <paramref name="withDirectory"/>: several nodes, one store.</summary>
    public static void ShareDatabase(string dataDirectory, string withDirectory) =>
        Databases[dataDirectory] = Databases.GetOrAdd(withDirectory, _ => new Lazy<string>(CreateDatabase));

    private static string CreateDatabase()
    {
#if STORE_POSTGRESQL
        PostgresCluster.RequireInstalled();
        return Task.Run(async () => await (await PostgresCluster.SharedAsync()).CreateDatabaseAsync()).GetAwaiter().GetResult();
#else
        throw new InvalidOperationException("this suite runs over SQLite");
#endif
    }
}
