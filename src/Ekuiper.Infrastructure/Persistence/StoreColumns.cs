using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Ekuiper.Infrastructure.Persistence;

/// <summary>
/// An entity's table as the bulk upserts of both providers write it, read from the EF model: the table name, each
/// column's name, whether it is part of the primary key, its store type and how to read its provider value from an
/// entity (value converters applied), so a row is stored exactly as SaveChanges would store it.
/// </summary>
internal sealed class StoreColumns
{
    private StoreColumns(string table, IReadOnlyList<Column> columns)
    {
        Table = table;
        Columns = columns;
    }

    public string Table { get; }

    public IReadOnlyList<Column> Columns { get; }

    public static StoreColumns Of<TEntity>(DbContext context)
    {
        var entityType = context.Model.FindEntityType(typeof(TEntity))
                         ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not part of the store's model");
        var tableName = entityType.GetTableName()!;
        var table = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());
        var key = entityType.FindPrimaryKey()!.Properties;
        var columns = entityType.GetProperties()
            .Select(property =>
            {
                var getter = property.GetGetter();
                var mapping = property.GetRelationalTypeMapping();
                var converter = mapping.Converter;
                Func<object, object?> read = converter is null
                    ? getter.GetClrValueUsingContainingEntity
                    : entity => converter.ConvertToProvider(getter.GetClrValueUsingContainingEntity(entity));
                return new Column(property.GetColumnName(table)!, key.Contains(property), mapping.StoreType,
                    mapping.Converter?.ProviderClrType ?? property.ClrType, RefusingNul(read));
            })
            .ToList();
        return new StoreColumns(tableName, columns);
    }

    /// <summary>
    /// U+0000 is refused in every text written, on both providers alike: PostgreSQL's text cannot hold it, and a store
    /// that kept it on SQLite would export what PostgreSQL refuses. Imports refuse such entries earlier, by name
    /// (<see cref="ImportPlanner.NulRefused"/>); this is the last guard for any other writer.
    /// </summary>
    private static Func<object, object?> RefusingNul(Func<object, object?> read) => entity =>
    {
        var value = read(entity);
        if (value is string text && text.Contains('\0'))
        {
            throw new InvalidRequestException(ImportPlanner.NulRefused);
        }
        return value;
    };

    /// <param name="ProviderType">The CLR type of the value <see cref="Read"/> gives (after any converter).</param>
    public sealed record Column(string Name, bool IsKey, string StoreType, Type ProviderType, Func<object, object?> Read);
}
