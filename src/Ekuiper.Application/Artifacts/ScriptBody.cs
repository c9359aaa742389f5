using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Application.Artifacts;

/// <summary>
/// The body of POST and PUT /udf/javascript as eKuiper reads it: json.NewDecoder(body).Decode into its js.Script
/// struct, so the first JSON value only, and Go's words for a body that does not decode.
/// </summary>
public static class ScriptBody
{
    /// <summary>eKuiper's js.Script, as far as Go's type errors name it.</summary>
    public static GoJsonType GoType { get; } = GoJsonType.Struct("js.Script",
        ("id", "string"), ("description", "string"), ("script", "string"), ("isAgg", "bool"));

    /// <returns>The body's first JSON value, which is what is checked and stored.</returns>
    /// <exception cref="InvalidRequestException">"<paramref name="prefix"/>: {Go's error}".</exception>
    public static string Decode(string body, string prefix)
    {
        if ((GoJsonSyntax.Decode(body, out var first) ?? GoType.TypeError(first)) is { } error)
        {
            throw new InvalidRequestException($"{prefix}: {error}");
        }
        return first;
    }
}
