using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Ekuiper.Infrastructure.Persistence.PostgreSql;

/// <summary>
/// Bulk writes for imports on PostgreSQL: one statement per range, whatever its size —
/// <c>INSERT … SELECT * FROM unnest(@column arrays) ON CONFLICT (key) DO UPDATE … WHERE</c> the row differs — so a
/// batch of a thousand rows is one round trip with one parameter per column, and a row equal to the stored one is
/// neither rewritten nor counted. PostgreSQL refuses to update one row twice in a statement, so duplicate keys in a
/// range are resolved first, the last one winning, as on SQLite.
/// </summary>
internal static class PostgreSqlBulkUpsert
{
    /// <returns>The rows inserted or changed.</returns>
    public static async Task<int> RunAsync<TEntity>(DbContext context, IReadOnlyCollection<TEntity> rows, CancellationToken cancellationToken)
        where TEntity : class
    {
        if (rows.Count == 0)
        {
            return 0;
        }
        var table = StoreColumns.Of<TEntity>(context);
        var columns = table.Columns;
        var values = LastPerKey(table, rows);

        var sql = context.GetService<ISqlGenerationHelper>();
        var name = sql.DelimitIdentifier(table.Table);
        var names = columns.Select(c => sql.DelimitIdentifier(c.Name)).ToList();
        var updated = columns.Where(c => !c.IsKey).Select(c => sql.DelimitIdentifier(c.Name)).ToList();
        var text =
            $"INSERT INTO {name} ({string.Join(", ", names)}) " +
            $"SELECT * FROM unnest({string.Join(", ", columns.Select((c, i) => $"@p{i}::{c.StoreType}[]"))}) AS u({string.Join(", ", names)}) " +
            $"ON CONFLICT ({string.Join(", ", columns.Where(c => c.IsKey).Select(c => sql.DelimitIdentifier(c.Name)))}) " +
            $"DO UPDATE SET {string.Join(", ", updated.Select(v => $"{v} = excluded.{v}"))} " +
            $"WHERE ({string.Join(", ", updated.Select(v => $"{name}.{v}"))}) IS DISTINCT FROM " +
            $"({string.Join(", ", updated.Select(v => $"excluded.{v}"))})";

        // Only inside a store write: its transaction makes the rows land with the rest of the write, or not at all.
        var transaction = context.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
                          ?? throw new InvalidOperationException("bulk writes run inside a store write's transaction (StoreWriteBehaviour)");
        await using var command = new NpgsqlCommand(text, (NpgsqlConnection)context.Database.GetDbConnection(), transaction);
        for (var i = 0; i < columns.Count; i++)
        {
            command.Parameters.Add(new NpgsqlParameter("p" + i, ColumnArray(columns[i], i, values)));
        }
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Each row's provider values, one row per key (the last of the range for a key given twice).</summary>
    private static List<object?[]> LastPerKey<TEntity>(StoreColumns table, IReadOnlyCollection<TEntity> rows) where TEntity : class
    {
        var columns = table.Columns;
        var keyColumns = Enumerable.Range(0, columns.Count).Where(i => columns[i].IsKey).ToArray();
        var positions = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
        var values = new List<object?[]>(rows.Count);
        foreach (var row in rows)
        {
            var value = new object?[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                value[i] = columns[i].Read(row);
            }
            var key = string.Join('\0', keyColumns.Select(i => Convert.ToString(value[i], System.Globalization.CultureInfo.InvariantCulture)));
            if (positions.TryGetValue(key, out var earlier))
            {
                values[earlier] = value;
            }
            else
            {
                positions[key] = values.Count;
                values.Add(value);
            }
        }
        return values;
    }

    /// <summary>Column <paramref name="index"/> of the rows as a typed array (nullable for value types), as unnest takes it.</summary>
    private static Array ColumnArray(StoreColumns.Column column, int index, List<object?[]> values)
    {
        var type = column.ProviderType;
        var elementType = type.IsValueType && Nullable.GetUnderlyingType(type) is null ? typeof(Nullable<>).MakeGenericType(type) : type;
        var array = Array.CreateInstance(elementType, values.Count);
        for (var row = 0; row < values.Count; row++)
        {
            array.SetValue(values[row][index], row);
        }
        return array;
    }
}
