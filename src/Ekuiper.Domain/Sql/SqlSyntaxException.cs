namespace Ekuiper.Domain.Sql;

/// <summary>
/// Unwinds the recursive-descent parsers on the first error. It never leaves this assembly:
/// the public entry points turn it into a <see cref="SqlError"/>.
/// </summary>
internal sealed class SqlSyntaxException(string message, int position) : Exception(message)
{
    public int Position { get; } = position;

    public SqlError ToError() => new(Message, Position);
}
