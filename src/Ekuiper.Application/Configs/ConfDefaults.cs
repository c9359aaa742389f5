using System.Reflection;
using System.Text.Json;
using Ekuiper.Domain.Definitions;

namespace Ekuiper.Application.Configs;

/// <summary>
/// The conf keys a fresh eKuiper has built in (the embedded files under Configs/Defaults, see their README): the
/// types it knows and, for some sources, keys such as sources/mqtt/default. They are shown beside the stored keys and
/// never stored.
/// </summary>
public static class ConfDefaults
{
    private static readonly Lazy<IReadOnlyDictionary<ConfigCategory, IReadOnlyDictionary<string, IReadOnlyDictionary<string, JsonElement>>>> All =
        new(Load);

    /// <summary>Whether eKuiper ships the type; <paramref name="keys"/> are its built-in keys (maybe none).</summary>
    public static bool TryGet(ConfigCategory category, string pluginType, out IReadOnlyDictionary<string, JsonElement> keys)
    {
        if (All.Value[category].TryGetValue(pluginType, out var found))
        {
            keys = found;
            return true;
        }
        keys = new Dictionary<string, JsonElement>();
        return false;
    }

    /// <summary>The types eKuiper ships in <paramref name="category"/>.</summary>
    public static IEnumerable<string> Types(ConfigCategory category) => All.Value[category].Keys;

    private static IReadOnlyDictionary<ConfigCategory, IReadOnlyDictionary<string, IReadOnlyDictionary<string, JsonElement>>> Load() =>
        new Dictionary<ConfigCategory, IReadOnlyDictionary<string, IReadOnlyDictionary<string, JsonElement>>>
        {
            [ConfigCategory.Source] = Read("sources.json"),
            [ConfigCategory.Sink] = Read("sinks.json"),
            [ConfigCategory.Connection] = Read("connections.json"),
        };

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, JsonElement>> Read(string file)
    {
        var name = $"Ekuiper.Application.Configs.Defaults.{file}";
        using var stream = typeof(ConfDefaults).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        using var document = JsonDocument.Parse(stream);
        var types = new Dictionary<string, IReadOnlyDictionary<string, JsonElement>>(StringComparer.Ordinal);
        foreach (var type in document.RootElement.EnumerateObject())
        {
            var keys = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var key in type.Value.EnumerateObject())
            {
                keys[key.Name] = key.Value.Clone();
            }
            types[type.Name] = keys;
        }
        return types;
    }
}
