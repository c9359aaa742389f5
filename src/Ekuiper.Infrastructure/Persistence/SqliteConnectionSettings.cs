using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ekuiper.Infrastructure.Persistence;

/// <summary>
/// Per-connection SQLite settings. synchronous=NORMAL: in WAL mode a commit then appends to the log without waiting
/// for the disk, and the log is synced at checkpoints. A crash or power loss can lose the last commits but never
/// leaves a half-written one, so an import stays all-or-nothing (journal_mode=WAL itself is set once, at start-up,
/// and is kept by the file).
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
