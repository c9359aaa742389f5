using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Configs;

internal static class ConfKeys
{
    public static Task<ConfigKey?> FindAsync(
        IEkuiperDbContext db, ConfigCategory category, string pluginType, string key, CancellationToken cancellationToken) =>
        db.ConfigKeys.AsNoTracking()
            .FirstOrDefaultAsync(k => k.Category == category && k.PluginType == pluginType && k.Name == key, cancellationToken);

    public static string NotFound(ConfigCategory category, string pluginType, string key) =>
        $"conf key {key} not found in {ConfigCategories.Qualified(category, pluginType)}";
}
