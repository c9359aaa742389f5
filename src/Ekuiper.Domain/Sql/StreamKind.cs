namespace Ekuiper.Domain.Sql;

/// <summary>Whether a <c>CREATE</c> statement declares an unbounded stream or a table.</summary>
public enum StreamKind
{
    Stream,
    Table,
}
