using Ekuiper.Domain.Definitions;

namespace Ekuiper.Application.Configs;

internal static class ConfKeys
{
    public static string NotFound(ConfigCategory category, string pluginType, string key) =>
        $"conf key {key} not found in {ConfigCategories.Qualified(category, pluginType)}";
}
