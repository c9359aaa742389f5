using System.Reflection;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Infrastructure.Persistence.PostgreSql;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ekuiper.Infrastructure.Persistence;

/// <summary>Which database keeps the store: <c>Ekuiper:Store:Provider</c>.</summary>
public enum StoreProvider
{
    /// <summary>Embedded, nothing to install: ekuiper.db and tasks.db in the data directory (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database named by <c>ConnectionStrings:Ekuiper</c>; several servers may share it.</summary>
    PostgreSql,
}

/// <summary>
/// The two stores (definitions and task records) over the configured provider, and their start-up: the provider is
/// chosen when a context is first asked for, from <see cref="EkuiperOptions.Store"/>, so settings given to the host in
/// any way count.
/// </summary>
public static class StoreSetup
{
    public const string ConnectionStringName = "Ekuiper";

    /// <summary>The advisory lock held while one process migrates a PostgreSQL database ("ekuiper-migrate" folded).</summary>
    private const long MigrationLockKey = 0x656B75697072_6D67;

    /// <summary>How many idle contexts, each holding one open connection, a SQLite store keeps.</summary>
    private const int SqlitePoolSize = 128;

    /// <summary>
    /// A list a query tests membership in (<c>ids.Contains(r.Id)</c>) is sent as one parameter — a JSON array read with
    /// <c>json_each</c> on SQLite, an array compared with <c>= ANY</c> on PostgreSQL — so a query's SQL is the same
    /// whatever the list's length (EF 8 and 9 did so). EF 10's default, a parameter per element, gives each length its
    /// own SQL and binds each element: a chosen-rules export of 100 rules cost about a fifth more (decision 92).
    /// </summary>
    private const ParameterTranslationMode CollectionsAs = ParameterTranslationMode.Parameter;

    public static IServiceCollection AddStores(this IServiceCollection services)
    {
        // Pooled: a request rents a context whose options, internal services and connection object are built once,
        // instead of building them per request (what most of a small read's time went to).
        // A pooled SQLite context keeps its connection open (KeptOpenSqliteConnection), so the pool's size bounds the
        // open connections of each file; a context beyond it is disposed when its request ends.
        services.AddDbContextPool<EkuiperDbContext>((provider, builder) => UseSqlite(builder, Options(provider).ResolveDatabasePath()),
            SqlitePoolSize);
        // Task records in a file of their own: an import's transaction holds its file's only write lock (decision 8).
        services.AddDbContextPool<TaskStoreDbContext>((provider, builder) => UseSqlite(builder, Options(provider).ResolveTasksDatabasePath()),
            SqlitePoolSize);
        services.AddDbContextPool<PostgreSqlEkuiperDbContext>((provider, builder) => Checked(builder.UseNpgsql(ConnectionString(provider),
            npgsql => npgsql.UseParameterizedCollectionMode(CollectionsAs))));
        services.AddDbContextPool<PostgreSqlTaskStoreDbContext>((provider, builder) => Checked(builder.UseNpgsql(ConnectionString(provider),
            npgsql => npgsql.MigrationsHistoryTable(PostgreSqlTaskStoreDbContext.MigrationsHistoryTable).UseParameterizedCollectionMode(CollectionsAs))));
        services.AddScoped<IEkuiperDbContext>(provider => Definitions(provider));
        services.AddScoped<ITaskStore>(provider => Tasks(provider));
        return services;
    }

    /// <summary>Applies the checked-in migrations of both stores: on SQLite, then WAL journaling; on PostgreSQL, under a lock.</summary>
    public static async Task MigrateStoresAsync(IServiceProvider scoped, CancellationToken cancellationToken)
    {
        var options = Options(scoped);
        if (options.Store.Provider == StoreProvider.PostgreSql)
        {
            await MigratePostgreSqlAsync(ConnectionString(scoped), [Definitions(scoped), Tasks(scoped)], cancellationToken);
            return;
        }
        await MigrateSqliteAsync(typeof(EkuiperDbContext), () => Definitions(scoped), options.ResolveDatabasePath(), cancellationToken);
        await MigrateSqliteAsync(typeof(TaskStoreDbContext), () => Tasks(scoped), options.ResolveTasksDatabasePath(), cancellationToken);
    }

    internal static EkuiperDbContext Definitions(IServiceProvider provider) =>
        Options(provider).Store.Provider == StoreProvider.PostgreSql
            ? provider.GetRequiredService<PostgreSqlEkuiperDbContext>()
            : provider.GetRequiredService<EkuiperDbContext>();

    internal static TaskStoreDbContext Tasks(IServiceProvider provider) =>
        Options(provider).Store.Provider == StoreProvider.PostgreSql
            ? provider.GetRequiredService<PostgreSqlTaskStoreDbContext>()
            : provider.GetRequiredService<TaskStoreDbContext>();

    private static EkuiperOptions Options(IServiceProvider provider) => provider.GetRequiredService<IOptions<EkuiperOptions>>().Value;

    /// <summary>Whether the store is PostgreSQL (several servers may share it) rather than SQLite.</summary>
    public static bool IsPostgreSql(IServiceProvider provider) => Options(provider).Store.Provider == StoreProvider.PostgreSql;

    /// <summary>The PostgreSQL connection string, <c>ConnectionStrings:Ekuiper</c>.</summary>
    /// <exception cref="InvalidOperationException">None is set.</exception>
    public static string ConnectionString(IServiceProvider provider) =>
        provider.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                $"Ekuiper:Store:Provider is PostgreSql, but no connection string is set: set ConnectionStrings:{ConnectionStringName} " +
                $"(environment: ConnectionStrings__{ConnectionStringName}), e.g. \"Host=db;Database=ekuiper;Username=ekuiper;Password=…\"");

    /// <summary>
    /// Every store file is opened alike: a long busy timeout, the per-connection settings, and the connection kept open
    /// while its context is pooled.
    /// </summary>
#pragma warning disable EF1001 // EF's own SQLite connection, with only its close changed
    private static void UseSqlite(DbContextOptionsBuilder builder, string path) =>
        Checked(builder.UseSqlite(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            // Wait for a competing writer instead of failing with "database is locked".
            DefaultTimeout = 60,
        }.ToString(), sqlite => sqlite.UseParameterizedCollectionMode(CollectionsAs)).AddInterceptors(SqliteConnectionSettings.Instance)
            .ReplaceService<ISqliteRelationalConnection, KeptOpenSqliteConnection>());
#pragma warning restore EF1001

    /// <summary>
    /// A migration does not diff the model against the migrations' snapshot at every start (a second model built
    /// from the configuration, about a fifth of the start's time): the tests check once that no model change lacks
    /// its migration and that the compiled models match the configuration (<c>CompiledModelTests</c>).
    /// </summary>
    private static DbContextOptionsBuilder Checked(DbContextOptionsBuilder builder) =>
        builder.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));

    /// <summary>WAL lets readers (export, status) proceed while an import writes, and survives a killed process.</summary>
    private const string WalPragma = "PRAGMA journal_mode=WAL;";

    /// <summary>
    /// A file that has every migration of this build is only switched to WAL, without EF, over the one connection that
    /// read its history: a start on an up-to-date store builds no context (EF's services, its migrations assembly, the
    /// migrator's lock and history statements that wrote to both files at every start); the first request that reads
    /// the store builds them. Any other file is migrated by EF's migrator, under its own lock.
    /// </summary>
    private static async Task MigrateSqliteAsync(Type contextType, Func<DbContext> store, string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // The journal mode is kept by the file.
        if (await SwitchedToWalIfUpToDateAsync(contextType, path, cancellationToken))
        {
            return;
        }
        var migrated = store();
        await migrated.Database.MigrateAsync(cancellationToken);
        await migrated.Database.ExecuteSqlRawAsync(WalPragma, cancellationToken);
    }

    /// <summary>
    /// The ids of the checked-in migrations of <paramref name="contextType"/>, found as EF's migrations assembly finds
    /// them (the <see cref="Migration"/> types of the context's assembly whose <see cref="DbContextAttribute"/> names
    /// it), without building the context's services. <c>SqliteMigrationTests</c> checks they are EF's.
    /// </summary>
    public static IReadOnlyList<string> MigrationIds(Type contextType) =>
        contextType.Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Migration)) && !t.IsAbstract
                        && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == contextType)
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id
                         ?? throw new InvalidOperationException($"the migration {t} has no [Migration] id"))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// When the file already has every migration this build knows, switches it to WAL and says so; else (no file, no
    /// history yet, a migration missing, a file SQLite cannot read) leaves it to the migrator, which reports what is
    /// wrong with it.
    /// </summary>
    private static async Task<bool> SwitchedToWalIfUpToDateAsync(Type contextType, string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return false;
        }
        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadWrite, // never creates the file
                DefaultTimeout = 60,
                Pooling = false,
            }.ToString());
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'";
            if (await command.ExecuteScalarAsync(cancellationToken) is null)
            {
                return false;
            }
            var applied = new HashSet<string>(StringComparer.Ordinal);
            command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"";
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetString(0));
                }
            }
            if (!MigrationIds(contextType).All(applied.Contains))
            {
                return false;
            }
            command.CommandText = WalPragma;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (SqliteException)
        {
            return false; // the migrator decides, and reports what is wrong with the file
        }
    }

    /// <summary>
    /// Creates the database when it is missing (two nodes racing to create it both go on), then migrates both contexts
    /// and installs Hangfire's schema while holding a session-level advisory lock: N processes starting at once on an empty database take turns, and each migration is applied once (the
    /// ones after the first find it in their history table).
    /// </summary>
    private static async Task MigratePostgreSqlAsync(string connectionString, DbContext[] stores, CancellationToken cancellationToken)
    {
        await CreateDatabaseIfMissingAsync(connectionString, cancellationToken);
        // A session lock needs one session: a connection of its own, never multiplexed nor returned to a pool.
        var session = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Multiplexing = false };
        await using var connection = new NpgsqlConnection(session.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // No command timeout: a server waits as long as another one migrates (a slow disk, a loaded machine), rather
        // than fail its start after Npgsql's default 30 s.
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", connection) { CommandTimeout = 0 })
        {
            await take.ExecuteNonQueryAsync(cancellationToken);
        }
        try
        {
            foreach (var store in stores)
            {
                await store.Database.MigrateAsync(cancellationToken);
            }
            // Hangfire's tables too, under the same lock: its installer is not safe for several servers at once.
            Hangfire.PostgreSql.PostgreSqlObjectsInstaller.Install(connection, Jobs.BackgroundJobsSetup.PostgreSqlSchema);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static async Task CreateDatabaseIfMissingAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        try
        {
            await using var probe = new NpgsqlConnection(connectionString);
            await probe.OpenAsync(cancellationToken);
            return;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // The database does not exist yet: create it from the server's maintenance database.
        }
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false, Multiplexing = false };
        // Npgsql's default database is the user's name.
        var database = target.Database ?? target.Username ?? "postgres";
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"")}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another node created it meanwhile.
        }
    }
}
