namespace Ekuiper.Domain.Ruleset.Validation;

/// <summary>What checking one import entry gave: the definition to store, or the message reported under its key.</summary>
public readonly record struct EntryResult<T>(T? Value, string? Error)
    where T : class
{
    public bool IsValid => Error is null;

    public static EntryResult<T> Ok(T value) => new(value, null);

    public static EntryResult<T> Fail(string error) => new(null, error);
}
