using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Sql;

namespace Ekuiper.Domain.Ruleset.Validation;

/// <summary>Checks one entry of the streams or tables section: a CREATE statement of the right kind, named as its key.</summary>
public static class StreamEntryValidator
{
    public static EntryResult<StreamDefinition> Validate(StreamKind expectedKind, string key, string statement)
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
        if (string.Equals(stream.Options.Temp, "true", StringComparison.OrdinalIgnoreCase))
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

    public static string KindWord(StreamKind kind) => kind == StreamKind.Table ? "table" : "stream";

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
