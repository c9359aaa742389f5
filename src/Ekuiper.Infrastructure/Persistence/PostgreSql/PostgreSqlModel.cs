using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Infrastructure.Persistence.PostgreSql;

internal static class PostgreSqlModel
{
    /// <summary>The collation that orders and compares text by its bytes, as SQLite's BINARY does.</summary>
    public const string ByteOrder = "C";

    /// <summary>
    /// Every text column in the <c>"C"</c> collation: keys compare and exports order byte by byte, so ids in mixed case
    /// and punctuation come out in the order SQLite gives, even on a database whose default collation is ICU's.
    /// </summary>
    public static void UseByteOrderCollation(ModelBuilder modelBuilder)
    {
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            var stored = property.GetProviderClrType() ?? property.GetValueConverter()?.ProviderClrType ?? property.ClrType;
            if (stored == typeof(string))
            {
                property.SetCollation(ByteOrder);
            }
        }
    }
}
