using Ekuiper.Domain.Definitions;

namespace Ekuiper.Application.Configs;

/// <summary>The config categories as eKuiper's metadata paths name them: sources, sinks, connections.</summary>
public static class ConfigCategories
{
    public static bool TryParse(string pathSegment, out ConfigCategory category)
    {
        (var known, category) = pathSegment switch
        {
            "sources" => (true, ConfigCategory.Source),
            "sinks" => (true, ConfigCategory.Sink),
            "connections" => (true, ConfigCategory.Connection),
            _ => (false, default),
        };
        return known;
    }

    public static string PathSegment(ConfigCategory category) => category switch
    {
        ConfigCategory.Source => "sources",
        ConfigCategory.Sink => "sinks",
        ConfigCategory.Connection => "connections",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    /// <summary>eKuiper's name for the configs of one plugin type, e.g. "sources.mqtt".</summary>
    public static string Qualified(ConfigCategory category, string pluginType) => $"{PathSegment(category)}.{pluginType}";
}
