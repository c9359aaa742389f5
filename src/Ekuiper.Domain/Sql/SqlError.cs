namespace Ekuiper.Domain.Sql;

/// <summary>A syntax or validation error found while parsing eKuiper SQL.</summary>
/// <param name="Message">The message, worded as eKuiper words it where eKuiper has a wording.</param>
/// <param name="Position">0-based character offset of the offending token in the parsed text.</param>
public sealed record SqlError(string Message, int Position);
