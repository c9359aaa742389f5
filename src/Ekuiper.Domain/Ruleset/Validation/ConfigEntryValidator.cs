using System.Text.Json;
using Ekuiper.Domain.Definitions;

namespace Ekuiper.Domain.Ruleset.Validation;

/// <summary>
/// Checks one entry of sourceConfig, sinkConfig or connectionConfig: the key names a plugin type and the value is a
/// JSON object of conf key → properties object.
/// </summary>
public static class ConfigEntryValidator
{
    public static EntryResult<IReadOnlyList<ConfigKey>> Validate(ConfigCategory category, string pluginType, string json)
    {
        if (pluginType.Trim().Length == 0)
        {
            return EntryResult<IReadOnlyList<ConfigKey>>.Fail("the plugin type (the entry's key) cannot be empty");
        }
        if (!JsonObjectReader.TryParse(json, out var reader, out var error))
        {
            return EntryResult<IReadOnlyList<ConfigKey>>.Fail(error);
        }
        var keys = new List<ConfigKey>();
        foreach (var confKey in reader.Root.EnumerateObject())
        {
            if (confKey.Name.Trim().Length == 0)
            {
                return EntryResult<IReadOnlyList<ConfigKey>>.Fail("a conf key name cannot be empty");
            }
            if (confKey.Value.ValueKind != JsonValueKind.Object)
            {
                return EntryResult<IReadOnlyList<ConfigKey>>.Fail(
                    $"the properties of conf key {confKey.Name} must be an object, found {confKey.Value.ValueKind.ToString().ToLowerInvariant()}");
            }
            keys.Add(new ConfigKey
            {
                Category = category,
                PluginType = pluginType,
                Name = confKey.Name,
                PropertiesJson = JsonText.Compact(confKey.Value),
            });
        }
        return EntryResult<IReadOnlyList<ConfigKey>>.Ok(keys);
    }
}

/// <summary>The inverse of <see cref="ConfigEntryValidator.Validate"/>: the conf keys of one plugin type as one entry.</summary>
public static class ConfigEntryComposer
{
    public static string Compose(IEnumerable<ConfigKey> keysOfOneType) => JsonText.Write(writer =>
    {
        writer.WriteStartObject();
        foreach (var key in keysOfOneType.OrderBy(k => k.Name, StringComparer.Ordinal))
        {
            writer.WritePropertyName(key.Name);
            writer.WriteRawValue(key.PropertiesJson, skipInputValidation: true);
        }
        writer.WriteEndObject();
    });
}
