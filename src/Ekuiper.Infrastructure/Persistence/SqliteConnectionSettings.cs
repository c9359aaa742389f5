using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Ekuiper.Infrastructure.Persistence;

/// <summary>
/// Per-connection SQLite settings. synchronous=NORMAL: in WAL mode a commit then appends to the log without waiting
/// for the disk, and the log is synced at checkpoints. A crash or power loss can lose the last commits but never
/// leaves a half-written one, so an import stays all-or-nothing (journal_mode=WAL itself is set once, at start-up,
/// and is kept by the file). Microsoft.Data.Sqlite pools the native connections: a setting holds for the native
/// connection's life, so it is sent once per native connection rather than on every open (one statement less per
/// request).
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

    public static SqliteConnectionSettings Instance { get; } = new();

    /// <summary>The native connections that have the settings; an entry goes with its connection.</summary>
    private readonly ConditionalWeakTable<sqlite3, object> configured = new();

    private SqliteConnectionSettings()
    {
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsSettings(connection, out var handle))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            Remember(handle);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (NeedsSettings(connection, out var handle))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            Remember(handle);
        }
    }

    private void Remember(sqlite3? handle)
    {
        if (handle is not null)
        {
            configured.AddOrUpdate(handle, this);
        }
    }

    private bool NeedsSettings(DbConnection connection, out sqlite3? handle)
    {
        handle = (connection as SqliteConnection)?.Handle;
        return handle is null || !configured.TryGetValue(handle, out _);
    }
}
