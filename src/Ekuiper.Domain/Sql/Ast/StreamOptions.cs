namespace Ekuiper.Domain.Sql.Ast;

/// <summary>
/// The <c>WITH (…)</c> options of a stream or table. Values are kept as written (quotes removed);
/// absent options are null. eKuiper's own checks (booleans, RETAIN_SIZE number, EXTRA JSON) are done
/// by the parser, so the values here passed them.
/// </summary>
public sealed record StreamOptions
{
    /// <summary>The source type eKuiper uses when <c>TYPE</c> is absent.</summary>
    public const string DefaultType = "mqtt";

    /// <summary>The configuration key eKuiper uses when <c>CONF_KEY</c> is absent.</summary>
    public const string DefaultConfKey = "default";

    public static StreamOptions Empty { get; } = new();

    /// <summary>
    /// The formats eKuiper registers a converter for (its converter package: json, binary, delimited, urlencoded, and
    /// protobuf in the default build), compared without regard to case.
    /// </summary>
    public static IReadOnlySet<string> Formats { get; } =
        new HashSet<string>(["json", "binary", "delimited", "urlencoded", "protobuf"], StringComparer.OrdinalIgnoreCase);

    public string? Datasource { get; init; }
    public string? Format { get; init; }
    public string? Key { get; init; }
    public string? ConfKey { get; init; }
    public string? Shared { get; init; }
    public string? StrictValidation { get; init; }
    public string? Type { get; init; }
    public string? Timestamp { get; init; }
    public string? TimestampFormat { get; init; }
    public string? RetainSize { get; init; }
    public string? SchemaId { get; init; }
    public string? Extra { get; init; }
    public string? Version { get; init; }
    public string? Temp { get; init; }
    public string? Kind { get; init; }
    public string? Delimiter { get; init; }

    /// <summary>The source (connector) type; eKuiper treats an absent or empty <c>TYPE</c> as mqtt.</summary>
    public string EffectiveType => string.IsNullOrEmpty(Type) ? DefaultType : Type;

    /// <summary>The configuration key of the source; absent or empty means <c>default</c>.</summary>
    public string EffectiveConfKey => string.IsNullOrEmpty(ConfKey) ? DefaultConfKey : ConfKey;

    /// <summary>The options that are set, in canonical order, under their SQL names.</summary>
    public IEnumerable<KeyValuePair<string, string>> SetOptions()
    {
        foreach (var (name, value) in All())
        {
            if (value is not null)
            {
                yield return new KeyValuePair<string, string>(name, value);
            }
        }
    }

    /// <summary>The options as a <c>WITH (…)</c> clause.</summary>
    public string ToSql() =>
        $"WITH ({string.Join(", ", SetOptions().Select(option => $"{option.Key}={SqlText.Quote(option.Value)}"))})";

    private IEnumerable<(string Name, string? Value)> All()
    {
        yield return ("DATASOURCE", Datasource);
        yield return ("FORMAT", Format);
        yield return ("KEY", Key);
        yield return ("CONF_KEY", ConfKey);
        yield return ("SHARED", Shared);
        yield return ("STRICT_VALIDATION", StrictValidation);
        yield return ("TYPE", Type);
        yield return ("TIMESTAMP", Timestamp);
        yield return ("TIMESTAMP_FORMAT", TimestampFormat);
        yield return ("RETAIN_SIZE", RetainSize);
        yield return ("SCHEMAID", SchemaId);
        yield return ("EXTRA", Extra);
        yield return ("VERSION", Version);
        yield return ("TEMP", Temp);
        yield return ("KIND", Kind);
        yield return ("DELIMITER", Delimiter);
    }
}
