using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ekuiper.Infrastructure.Persistence;

/// <summary>
/// Bulk writes for imports on SQLite: one prepared upsert (<c>INSERT … ON CONFLICT (key) DO UPDATE … WHERE</c> some
/// column differs) run once per row on the context's own connection and transaction, so a row equal to the stored one
/// is not rewritten and not counted. The statement is built from the EF model (<see cref="StoreColumns"/>), so it
/// always matches the schema the migrations create, and a row is stored exactly as SaveChanges would store it.
/// </summary>
internal static class SqliteBulkUpsert
{
    /// <summary>How many rows are written between two looks at the cancellation token.</summary>
    private const int CancellationCheckInterval = 512;

    /// <returns>The rows inserted or changed.</returns>
    /// <remarks>Synchronous underneath: Microsoft.Data.Sqlite has no asynchronous I/O, so a prepared statement run per row is fastest.</remarks>
    public static Task<int> RunAsync<TEntity>(DbContext context, IReadOnlyCollection<TEntity> rows, CancellationToken cancellationToken)
        where TEntity : class
    {
        if (rows.Count == 0)
        {
            return Task.FromResult(0);
        }
        // Only inside a store write: its transaction makes the rows land with the rest of the write, or not at all.
        if (context.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("bulk writes run inside a store write's transaction (StoreWriteBehaviour)");
        }
        return Task.FromResult(Write(context, StoreColumns.Of<TEntity>(context), rows, cancellationToken));
    }

    private static int Write<TEntity>(DbContext context, StoreColumns table, IReadOnlyCollection<TEntity> rows,
        CancellationToken cancellationToken)
        where TEntity : class
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        var connection = (SqliteConnection)context.Database.GetDbConnection();
        using var command = connection.CreateCommand();
        command.Transaction = (SqliteTransaction?)context.Database.CurrentTransaction?.GetDbTransaction();
        var name = sql.DelimitIdentifier(table.Table);
        var columns = table.Columns;
        var values = columns.Where(c => !c.IsKey).Select(c => sql.DelimitIdentifier(c.Name)).ToList();
        // Duplicate keys in one range: each row upserts over the one before it, so the last one wins.
        command.CommandText =
            $"INSERT INTO {name} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))}) " +
            $"ON CONFLICT ({string.Join(", ", columns.Where(c => c.IsKey).Select(c => sql.DelimitIdentifier(c.Name)))}) " +
            $"DO UPDATE SET {string.Join(", ", values.Select(v => $"{v} = excluded.{v}"))} " +
            $"WHERE {string.Join(" OR ", values.Select(v => $"{name}.{v} IS NOT excluded.{v}"))}";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
        command.Prepare();

        var written = 0;
        var changed = 0;
        foreach (var row in rows)
        {
            if (++written % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            for (var i = 0; i < columns.Count; i++)
            {
                parameters[i].Value = columns[i].Read(row) ?? DBNull.Value;
            }
            // One row inserted or updated; none when the WHERE found it equal to the stored row.
            changed += command.ExecuteNonQuery();
        }
        return changed;
    }
}
