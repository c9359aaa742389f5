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
