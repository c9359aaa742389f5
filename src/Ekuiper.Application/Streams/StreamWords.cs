using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Domain.Ruleset.Validation;
using Ekuiper.Domain.Sql;

namespace Ekuiper.Application.Streams;

/// <summary>How eKuiper names a stream or table in its REST messages.</summary>
internal static class StreamWords
{
    /// <summary>"stream" or "table".</summary>
    public static string Lower(StreamKind kind) => StreamEntryValidator.KindWord(kind);

    /// <summary>"Stream" or "Table", as messages start.</summary>
    public static string Title(StreamKind kind) => kind == StreamKind.Table ? "Table" : "Stream";

    /// <summary>eKuiper's prefix for a failed create or replace: "Stream command error" / "Table command error".</summary>
    public static string CommandError(StreamKind kind) => $"{Title(kind)} command error";

    public static string NotFound(StreamKind kind, string name) => $"{Lower(kind)} {name} is not found";
}

/// <summary>
/// eKuiper's stream processor gives every refusal of a create or replace that has no code of its own the code 3000
/// (StreamTableError): a refused stream or table write is answered 400 with that code.
/// </summary>
internal static class StreamTableRefusals
{
    public static async Task Of(Task write)
    {
        try
        {
            await write;
        }
        catch (InvalidRequestException e)
        {
            throw new StreamTableException(e.Message);
        }
    }
}
