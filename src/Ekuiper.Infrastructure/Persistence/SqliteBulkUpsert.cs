using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ekuiper.Infrastructure.Persistence;

/// <summary>
/// Bulk writes for imports: one prepared <c>INSERT OR REPLACE</c> run once per row on the context's own connection
/// and transaction. The statement is built from the EF model (table, columns, value converters), so it always
/// matches the schema the migrations create, and a row is stored exactly as SaveChanges would store it.
/// </summary>
internal static class SqliteBulkUpsert
{
    /// <summary>How many rows are written between two looks at the cancellation token.</summary>
    private const int CancellationCheckInterval = 512;

    public static async Task RunAsync<TEntity>(DbContext context, IReadOnlyCollection<TEntity> rows, CancellationToken cancellationToken)
        where TEntity : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var entityType = context.Model.FindEntityType(typeof(TEntity))
                         ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not part of the store's model");
        var columns = Columns(entityType);

        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // Outside a transaction every row would be its own commit (and fsync): take one for the whole range.
            var ownTransaction = context.Database.CurrentTransaction is null
                ? await context.Database.BeginTransactionAsync(cancellationToken)
                : null;
            await using (ownTransaction)
            {
                Write(context, entityType, columns, rows, cancellationToken);
                if (ownTransaction is not null)
                {
                    await ownTransaction.CommitAsync(cancellationToken);
                }
            }
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }

    private static void Write<TEntity>(DbContext context, IEntityType entityType, IReadOnlyList<Column> columns,
        IReadOnlyCollection<TEntity> rows, CancellationToken cancellationToken)
        where TEntity : class
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        var connection = (SqliteConnection)context.Database.GetDbConnection();
        using var command = connection.CreateCommand();
        command.Transaction = (SqliteTransaction?)context.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText =
            $"INSERT OR REPLACE INTO {sql.DelimitIdentifier(entityType.GetTableName()!)} " +
            $"({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
        command.Prepare();

        var written = 0;
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
            command.ExecuteNonQuery();
        }
    }

    private static IReadOnlyList<Column> Columns(IEntityType entityType)
    {
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        return entityType.GetProperties()
            .Select(property =>
            {
                var getter = property.GetGetter();
                var converter = property.GetTypeMapping().Converter;
                return new Column(
                    property.GetColumnName(table)!,
                    converter is null
                        ? getter.GetClrValueUsingContainingEntity
                        : entity => converter.ConvertToProvider(getter.GetClrValueUsingContainingEntity(entity)));
            })
            .ToList();
    }

    private sealed record Column(string Name, Func<object, object?> Read);
}
