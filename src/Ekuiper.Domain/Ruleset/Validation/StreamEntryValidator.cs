using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Sql;

namespace Ekuiper.Domain.Ruleset.Validation;

/// <summary>Checks one entry of the streams or tables section: a CREATE statement of the right kind, named as its key.</summary>
public static class StreamEntryValidator
{
    /// <param name="acceptsTemp">
    /// True for a create (eKuiper's POST /streams accepts TEMP="true"); false for a replace, which eKuiper's
    /// ExecReplaceStream refuses with TEMP (every import replaces).
    /// </param>
    public static EntryResult<StreamDefinition> Validate(StreamKind expectedKind, string key, string statement, bool acceptsTemp = false)
    {
        var parsed = DdlParser.Parse(statement);
        if (!parsed.Succeeded)
        {
            return EntryResult<StreamDefinition>.Fail(parsed.Error!.Message);
        }
        var stream = parsed.Value!;
        if (stream.Kind != expectedKind)
        {
            var expected = KindWord(expectedKind);
            return EntryResult<StreamDefinition>.Fail(
                $"Invalid {expected} statement: it creates a {KindWord(stream.Kind)}, but entries under {expected}s must create a {expected}.");
        }
        if (stream.Name != key)
        {
            return EntryResult<StreamDefinition>.Fail($"Replace {key} fails: the sql statement must update the {key} source.");
        }
        if (Identifiers.Check(stream.Name) is { } idError)
        {
            return EntryResult<StreamDefinition>.Fail(idError);
        }
        if (!acceptsTemp && string.Equals(stream.Options.Temp, "true", StringComparison.OrdinalIgnoreCase))
        {
            return EntryResult<StreamDefinition>.Fail($"Replace {key} fails: cannot replace with temp option.");
        }
        return EntryResult<StreamDefinition>.Ok(new StreamDefinition
        {
            Name = stream.Name,
            Kind = stream.Kind,
            Statement = statement,
            Version = NullIfEmpty(stream.Options.Version),
            SourceType = stream.Options.EffectiveType,
            ConfKey = stream.Options.EffectiveConfKey,
            SchemaId = NullIfEmpty(stream.Options.SchemaId),
        });
    }

    /// <summary>
    /// Whether the statement's SHARED option is on, as eKuiper reads it: "true" in any case is on; absent or "false" is
    /// off. eKuiper refuses a replace that changes it. A statement that does not parse is not shared.
    /// </summary>
    /// <remarks>A statement that cannot name the option (<see cref="MayNameShared"/>) is not parsed.</remarks>
    public static bool IsShared(string statement) =>
        MayNameShared(statement)
        && DdlParser.Parse(statement) is { Succeeded: true, Value: { } parsed }
        && string.Equals(parsed.Options.Shared, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The letters every spelling of the SHARED key holds: the parser upper-cases option keys, and the only character
    /// other than s that upper-cases to an ASCII letter of the key is U+017F (ſ → S), so "HARED" stays in any case.
    /// </summary>
    public const string SharedKeyLetters = "HARED";

    /// <summary>
    /// False only when the statement cannot set SHARED: its text holds neither <see cref="SharedKeyLetters"/> (in any
    /// case) nor a backslash (a quoted key may spell its letters as escapes).
    /// </summary>
    public static bool MayNameShared(string statement) =>
        statement.Contains(SharedKeyLetters, StringComparison.OrdinalIgnoreCase) || statement.Contains('\\');

    public static string KindWord(StreamKind kind) => kind == StreamKind.Table ? "table" : "stream";

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
