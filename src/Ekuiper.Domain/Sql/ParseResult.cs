namespace Ekuiper.Domain.Sql;

/// <summary>Outcome of parsing: either a value or an error, never both.</summary>
public sealed record ParseResult<T>(T? Value, SqlError? Error)
{
    public bool Succeeded => Error is null;

    internal static ParseResult<T> Success(T value) => new(value, null);

    internal static ParseResult<T> Failure(SqlError error) => new(default, error);
}
