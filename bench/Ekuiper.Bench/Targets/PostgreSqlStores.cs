using Ekuiper.Bench.Floor;
using Ekuiper.Testing;
using Npgsql;

namespace Ekuiper.Bench.Targets;

/// <summary>
/// The PostgreSQL side of a bench run: one throw-away cluster (<see cref="PostgresCluster"/>: its own loopback port,
/// fsync, synchronous_commit and full_page_writes off) for the whole run; per data set two template databases made
/// the way the SQLite files are (the server's schema, migrated by the server's own code; and the same plus the
/// ruleset, written by the floor), and for every measured run a fresh database copied from one of them and dropped
/// after it, as the SQLite runs get fresh copies of the files.
/// </summary>
public sealed class PostgreSqlStores : IAsyncDisposable
{
    private readonly PostgresCluster _cluster;

    private PostgreSqlStores(PostgresCluster cluster, string version)
    {
        _cluster = cluster;
        Version = version;
    }

    /// <summary>The server's version, for the report's first line.</summary>
    public string Version { get; }

    public static async Task<PostgreSqlStores> StartAsync()
    {
        var cluster = await PostgresCluster.StartAsync();
        try
        {
            await using var connection = new NpgsqlConnection(cluster.ConnectionString("postgres"));
            await connection.OpenAsync();
            return new PostgreSqlStores(cluster, connection.ServerVersion);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The two templates of <paramref name="data"/>: the schema alone, and the schema holding the ruleset as the
    /// floor writes it, vacuumed (hint bits and visibility map set, statistics taken), as a store that has been in use
    /// would be. No connection to a template stays open: a database is copied only from one nobody uses.
    /// </summary>
    public async Task<PostgreSqlTemplates> CreateTemplatesAsync(Dataset data)
    {
        var empty = "empty_" + Guid.NewGuid().ToString("N");
        var emptyConnection = Unpooled(await _cluster.CreateDatabaseAsync(empty));
        using (var scratch = ScratchDirectory.Create(data.Directory, "schema"))
        {
            await using (await InProcessStore.CreateAsync(scratch.Path, emptyConnection))
            {
            }
        }
        var full = await CopyAsync(empty, "full_");
        var fullConnection = Unpooled(_cluster.ConnectionString(full));
        using (var connection = PostgreSqlFloor.Open(fullConnection))
        {
            new PostgreSqlFloor(data.Metadata).Import(connection, await File.ReadAllBytesAsync(data.DocumentPath), replace: false);
            await using var vacuum = new NpgsqlCommand("VACUUM (FREEZE, ANALYZE)", connection);
            await vacuum.ExecuteNonQueryAsync();
        }
        return new PostgreSqlTemplates(empty, full, fullConnection);
    }

    /// <summary>A fresh database copied from <paramref name="template"/>, dropped when disposed.</summary>
    public async Task<PostgreSqlDatabase> CreateFromAsync(string template)
    {
        var name = await CopyAsync(template, "run_");
        return new PostgreSqlDatabase(_cluster.ConnectionString(name), () => _cluster.DropDatabaseAsync(name));
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _cluster.DisposeAsync();
    }

    /// <summary>
    /// CREATE DATABASE … TEMPLATE, copying the files (a checkpoint first): the copy is whole before the timed run
    /// starts, and leaves no write-ahead log behind to be checkpointed during it.
    /// </summary>
    private async Task<string> CopyAsync(string template, string prefix)
    {
        var name = prefix + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(_cluster.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\" STRATEGY FILE_COPY", connection);
        await create.ExecuteNonQueryAsync();
        return name;
    }

    private static string Unpooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
}

/// <summary>The template databases of one data set; <paramref name="FullConnectionString"/> only for reading it once, unpooled.</summary>
public sealed record PostgreSqlTemplates(string Empty, string Full, string FullConnectionString);

/// <summary>One run's database: its connection string, dropped (with its sessions) when disposed.</summary>
public sealed class PostgreSqlDatabase(string connectionString, Func<Task> drop) : IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;

    /// <summary>The settings that put the server on this database, as environment variables.</summary>
    public IReadOnlyDictionary<string, string> ServerEnvironment => new Dictionary<string, string>
    {
        ["Ekuiper__Store__Provider"] = "PostgreSql",
        ["ConnectionStrings__Ekuiper"] = ConnectionString,
    };

    public async ValueTask DisposeAsync() => await drop();
}
