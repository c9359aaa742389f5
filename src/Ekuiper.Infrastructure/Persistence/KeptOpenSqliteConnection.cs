using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Ekuiper.Infrastructure.Persistence;

/// <summary>
/// A pooled SQLite context's connection, opened at its first use and kept open while the context is pooled: EF
/// otherwise opens and closes the connection around every query, and each open of a Microsoft.Data.Sqlite
/// connection takes its pool's lock and registers EF's SQL functions and collation on the native connection again
/// (and each close removes them) — most of what a small read cost beyond the query itself. The connection is closed
/// for real when the context leaves the pool (disposed), and whenever it would go back to the pool inside a
/// transaction (one left open by a request that failed): a context never hands the next request an open transaction
/// or a pinned read snapshot.
/// </summary>
#pragma warning disable EF1001 // SqliteRelationalConnection is EF's own SQLite connection; only its close is changed.
internal sealed class KeptOpenSqliteConnection(
    RelationalConnectionDependencies dependencies,
    IRawSqlCommandBuilder rawSqlCommandBuilder,
    IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
    : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    protected override void CloseDbConnection()
    {
        if (MustClose())
        {
            base.CloseDbConnection();
        }
    }

    protected override Task CloseDbConnectionAsync() => MustClose() ? base.CloseDbConnectionAsync() : Task.CompletedTask;

    /// <summary>Closed, broken, or inside a transaction: then the close happens (a close rolls back).</summary>
    private bool MustClose() =>
        DbConnection is not SqliteConnection { State: ConnectionState.Open, Handle: { } handle } || raw.sqlite3_get_autocommit(handle) == 0;
}
#pragma warning restore EF1001
