namespace Ekuiper.Domain.Definitions;

public enum ConfigCategory
{
    Source,
    Sink,
    Connection,
}

/// <summary>
/// One named configuration (a "conf key") of a source, sink or connection type, e.g. sources/mqtt/default.
/// A sourceConfig entry in the import file holds all the keys of one type.
/// </summary>
public class ConfigKey
{
    public ConfigCategory Category { get; set; }
    public required string PluginType { get; set; }
    public required string Name { get; set; }

    /// <summary>The properties as compact JSON, stored as received (passwords included).</summary>
    public required string PropertiesJson { get; set; }
}
