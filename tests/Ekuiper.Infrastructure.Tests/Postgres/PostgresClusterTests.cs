using Ekuiper.Testing;
using Npgsql;

namespace Ekuiper.Infrastructure.Tests.Postgres;

/// <summary>The tests' throw-away PostgreSQL cluster: version 15 or later, ICU en-US as every new database's default collation.</summary>
public sealed class PostgresClusterTests
{
    private PostgresCluster _cluster = null!;
    private readonly List<string> _databases = [];

    [SetUp]
    public async Task StartCluster()
    {
        PostgresCluster.RequireInstalled();
        _cluster = await PostgresCluster.SharedAsync();
    }

    [TearDown]
    public async Task DropDatabases()
    {
        foreach (var name in _databases)
        {
            await _cluster.DropDatabaseAsync(name);
        }
    }

    [Test]
    public async Task Two_new_databases_are_distinct_and_run_PostgreSQL_15_or_later()
    {
        var first = await CreateAsync();
        var second = await CreateAsync();

        Assert.That(first, Is.Not.EqualTo(second));
        foreach (var connectionString in new[] { first, second })
        {
            var version = (string)(await ScalarAsync(connectionString, "SHOW server_version"))!;
            var major = int.Parse(version.Split('.', ' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(major, Is.GreaterThanOrEqualTo(15), version);
        }
    }

    [Test]
    public async Task A_new_database_collates_with_ICU_en_US_by_default()
    {
        var connectionString = await CreateAsync();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // daticulocale is named datlocale from PostgreSQL 17 on.
        await using var command = new NpgsqlCommand(
            """
            SELECT datlocprovider::text, coalesce(to_jsonb(d) ->> 'daticulocale', to_jsonb(d) ->> 'datlocale')
            FROM pg_database d WHERE datname = current_database()
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync(), Is.True);
        Assert.That(reader.GetString(0), Is.EqualTo("i"));
        Assert.That(reader.GetString(1), Is.EqualTo("en-US"));
    }

    [Test]
    public async Task Text_compares_by_ICU_unless_COLLATE_C_is_asked()
    {
        var connectionString = await CreateAsync();

        Assert.That(await ScalarAsync(connectionString, "SELECT 'a' < 'B'"), Is.True);
        Assert.That(await ScalarAsync(connectionString, "SELECT 'a' COLLATE \"C\" < 'B' COLLATE \"C\""), Is.False);
    }

    [Test]
    public async Task Databases_can_be_created_concurrently()
    {
        var created = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => CreateAsync())));

        Assert.That(created.Distinct().Count(), Is.EqualTo(8));
        foreach (var connectionString in created)
        {
            Assert.That(await ScalarAsync(connectionString, "SELECT 1"), Is.EqualTo(1));
        }
    }

    [Test]
    public void The_connection_string_points_at_the_loopback_port_as_postgres()
    {
        var builder = new NpgsqlConnectionStringBuilder(_cluster.ConnectionString("x"));

        Assert.That(builder.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(builder.Port, Is.EqualTo(_cluster.Port).And.Not.EqualTo(5432));
        Assert.That(builder.Username, Is.EqualTo("postgres"));
        Assert.That(builder.Database, Is.EqualTo("x"));
        Assert.That(builder.Pooling, Is.True);
        Assert.That(builder.IncludeErrorDetail, Is.True);
    }

    [Test]
    public async Task An_own_cluster_is_gone_once_disposed()
    {
        var cluster = await PostgresCluster.StartAsync();
        var connectionString = cluster.ConnectionString("postgres");
        Assert.That(await ScalarAsync(connectionString, "SELECT 1"), Is.EqualTo(1));

        await cluster.DisposeAsync();

        await using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        Assert.That(async () => await ScalarAsync(connectionString, "SELECT 1"), Throws.InstanceOf<NpgsqlException>());
    }

    private async Task<string> CreateAsync()
    {
        var connectionString = await _cluster.CreateDatabaseAsync();
        lock (_databases)
        {
            _databases.Add(new NpgsqlConnectionStringBuilder(connectionString).Database!);
        }

        return connectionString;
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
