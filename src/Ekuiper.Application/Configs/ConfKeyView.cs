using System.Text;
using System.Text.Json;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Configs;

/// <summary>
/// The conf keys of one type as eKuiper answers them: its built-in keys (<see cref="ConfDefaults"/>) with the stored
/// keys laid over them — a stored key of the same name replaces the built-in properties it names and keeps the others —
/// every value as stored (secrets included), and every object's names in byte order, as Go writes a map.
/// </summary>
public sealed class ConfKeyView
{
    private readonly SortedDictionary<string, Dictionary<string, JsonElement>> keys;

    private ConfKeyView(bool known, SortedDictionary<string, Dictionary<string, JsonElement>> keys)
    {
        Known = known;
        this.keys = keys;
    }

    /// <summary>eKuiper ships the type, or a key of it is stored.</summary>
    public bool Known { get; }

    public static async Task<ConfKeyView> LoadAsync(
        IEkuiperDbContext db, ConfigCategory category, string pluginType, CancellationToken cancellationToken)
    {
        var stored = await db.ConfigKeys.AsNoTracking()
            .Where(k => k.Category == category && k.PluginType == pluginType)
            .ToListAsync(cancellationToken);
        var builtIn = ConfDefaults.TryGet(category, pluginType, out var defaults);
        var keys = new SortedDictionary<string, Dictionary<string, JsonElement>>(Utf8Order.Instance);
        foreach (var (name, properties) in defaults)
        {
            keys[name] = Overlay(new Dictionary<string, JsonElement>(StringComparer.Ordinal), properties);
        }
        foreach (var key in stored)
        {
            using var properties = JsonDocument.Parse(key.PropertiesJson);
            var target = keys.TryGetValue(key.Name, out var existing) ? existing : new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            keys[key.Name] = Overlay(target, properties.RootElement);
        }
        return new ConfKeyView(builtIn || stored.Count > 0, keys);
    }

    /// <summary>The answer of GET …/yaml/{type}: key → properties.</summary>
    public string WriteAll() => JsonText.Write(writer =>
    {
        writer.WriteStartObject();
        foreach (var (name, properties) in keys)
        {
            writer.WritePropertyName(name);
            WriteProperties(writer, properties);
        }
        writer.WriteEndObject();
    });

    /// <summary>The properties of one key, or null when the type has no such key.</summary>
    public string? WriteKey(string name) =>
        keys.TryGetValue(name, out var properties) ? JsonText.Write(writer => WriteProperties(writer, properties)) : null;

    private static Dictionary<string, JsonElement> Overlay(Dictionary<string, JsonElement> target, JsonElement properties)
    {
        if (properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                target[property.Name] = property.Value.Clone();
            }
        }
        return target;
    }

    private static void WriteProperties(Utf8JsonWriter writer, Dictionary<string, JsonElement> properties)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in properties.OrderBy(p => p.Key, Utf8Order.Instance))
        {
            writer.WritePropertyName(name);
            WriteSorted(writer, value);
        }
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes a JSON value as Go writes it back after decoding it into interface{}: every object's names sorted by
    /// their UTF-8 bytes, the last of duplicate names kept.
    /// </summary>
    public static void WriteAsGoMap(Utf8JsonWriter writer, JsonElement value) => WriteSorted(writer, value);

    // Go decodes an object into a map (the last of duplicate names wins) and writes its names sorted.
    private static void WriteSorted(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var property in value.EnumerateObject())
                {
                    properties[property.Name] = property.Value;
                }
                WriteProperties(writer, properties);
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteSorted(writer, item);
                }
                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    /// <summary>Strings compared by their UTF-8 bytes, as Go sorts map keys.</summary>
    private sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(string? x, string? y) =>
            ReferenceEquals(x, y) ? 0
            : x is null ? -1
            : y is null ? 1
            : Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y));
    }
}
