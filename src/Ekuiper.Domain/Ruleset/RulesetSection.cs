namespace Ekuiper.Domain.Ruleset;

/// <summary>The twelve sections of eKuiper's import/export file, in the order eKuiper writes them.</summary>
public enum RulesetSection
{
    Streams,
    Tables,
    Rules,
    NativePlugins,
    PortablePlugins,
    SourceConfig,
    SinkConfig,
    ConnectionConfig,
    Service,
    Schema,
    Uploads,
    Scripts,
}

public static class RulesetSections
{
    public static readonly IReadOnlyList<RulesetSection> All = Enum.GetValues<RulesetSection>();

    /// <summary>The JSON property name eKuiper uses for a section (note "Service" and "Schema" are capitalised on the wire).</summary>
    public static string WireName(this RulesetSection section) => section switch
    {
        RulesetSection.Streams => "streams",
        RulesetSection.Tables => "tables",
        RulesetSection.Rules => "rules",
        RulesetSection.NativePlugins => "nativePlugins",
        RulesetSection.PortablePlugins => "portablePlugins",
        RulesetSection.SourceConfig => "sourceConfig",
        RulesetSection.SinkConfig => "sinkConfig",
        RulesetSection.ConnectionConfig => "connectionConfig",
        RulesetSection.Service => "Service",
        RulesetSection.Schema => "Schema",
        RulesetSection.Uploads => "uploads",
        RulesetSection.Scripts => "scripts",
        _ => throw new ArgumentOutOfRangeException(nameof(section)),
    };

    /// <summary>
    /// Finds the section a JSON property names. eKuiper decodes with Go's encoding/json, which matches
    /// field names case-insensitively, so "Streams" and "SERVICE" are accepted as well.
    /// </summary>
    public static bool TryParseWireName(string name, out RulesetSection section)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.WireName(), name, StringComparison.OrdinalIgnoreCase))
            {
                section = candidate;
                return true;
            }
        }
        section = default;
        return false;
    }
}
