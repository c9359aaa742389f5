using System.Text.Json;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Configs;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Rules;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Domain.Sql;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Connections;

/// <summary>
/// eKuiper's named connections are its stored conf keys "connections.{typ}.{id}" (the connectionConfig section:
/// type → {id: props}); its connection pool holds them by id alone. Here they are the config keys of category
/// Connection, found by name whatever their type.
/// </summary>
public static class StoredConnections
{
    /// <summary>Every stored connection, by id (byte order), then type.</summary>
    public static async Task<IReadOnlyList<ConfigKey>> AllAsync(IEkuiperDbContext db, CancellationToken cancellationToken)
    {
        var keys = await db.ConfigKeys.AsNoTracking()
            .Where(k => k.Category == ConfigCategory.Connection)
            .ToListAsync(cancellationToken);
        return keys.OrderBy(k => k.Name, StringComparer.Ordinal).ThenBy(k => k.PluginType, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The stored connection named <paramref name="id"/>; of two types holding the same name (possible only by an
    /// import or PUT …/confKeys), the first type in byte order.
    /// </summary>
    public static async Task<ConfigKey?> FindAsync(IEkuiperDbContext db, string id, CancellationToken cancellationToken)
    {
        var keys = await db.ConfigKeys.AsNoTracking()
            .Where(k => k.Category == ConfigCategory.Connection && k.Name == id)
            .ToListAsync(cancellationToken);
        return keys.OrderBy(k => k.PluginType, StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>eKuiper's "connection {id} not existed" (a plain error: 400, code 1000).</summary>
    public static string NotExisted(string id) => $"connection {id} not existed";

    /// <summary>
    /// One connection as eKuiper answers it: {"id","typ","props","isNamed":true}. Its status, error and reference
    /// count are those of a running connection, which this server does not hold; Go leaves them out when empty.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, ConfigKey connection)
    {
        writer.WriteStartObject();
        writer.WriteString("id", connection.Name);
        writer.WriteString("typ", connection.PluginType);
        writer.WritePropertyName("props");
        using (var props = JsonDocument.Parse(connection.PropertiesJson))
        {
            ConfKeyView.WriteAsGoMap(writer, props.RootElement);
        }
        writer.WriteBoolean("isNamed", true);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Refuses to drop (or replace) a connection that stored rules or streams use: a rule whose action selects it by
    /// "connectionSelector", or whose action's resourceId, or stream's CONF_KEY, names a source or sink conf key that
    /// selects it; a stream whose conf key, or EXTRA option, selects it. eKuiper refuses while running rules hold it:
    /// "connection {id} can't be dropped due to rule references [refs]".
    /// </summary>
    /// <exception cref="InvalidRequestException">"{prefix}: connection {id} can't be dropped due to … references [names]".</exception>
    public static async Task RefuseIfReferencedAsync(IEkuiperDbContext db, ConfigKey connection, string prefix, CancellationToken cancellationToken)
    {
        var selectingKeys = (await db.ConfigKeys.AsNoTracking()
                .Where(k => k.Category != ConfigCategory.Connection)
                .ToListAsync(cancellationToken))
            .Where(k => Selects(SelectorOf(k.PropertiesJson), connection))
            .Select(k => (k.Category, k.PluginType, k.Name))
            .ToHashSet();
        var streams = (await db.Streams.AsNoTracking().ToListAsync(cancellationToken))
            .Where(s => ExtraSelector(s.Statement) is { } extra
                ? Selects(extra, connection)
                : selectingKeys.Contains((ConfigCategory.Source, s.SourceType, s.ConfKey)))
            .Select(s => s.Name)
            .ToHashSet(StringComparer.Ordinal);
        var rules = (await db.Rules.AsNoTracking().Select(r => new { r.Id, r.Json }).ToListAsync(cancellationToken))
            .Where(r => RuleAnalysis.TryAnalyze(r.Json, out var uses, out _)
                        && (uses.ConnectionSelectors.Any(s => Selects(s, connection))
                            || uses.SinkResources.Any(res => selectingKeys.Contains((ConfigCategory.Sink, res.SinkType, res.ResourceId)))
                            || uses.Sources.Any(streams.Contains)))
            .Select(r => r.Id)
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToList();
        if (rules.Count > 0)
        {
            throw new InvalidRequestException(
                $"{prefix}: connection {connection.Name} can't be dropped due to rule references [{string.Join(' ', rules)}]");
        }
        if (streams.Count > 0)
        {
            throw new InvalidRequestException(
                $"{prefix}: connection {connection.Name} can't be dropped due to stream references [{string.Join(' ', streams.Order(StringComparer.Ordinal))}]");
        }
    }

    /// <summary>A selector names the connection by its id (eKuiper 2) or as "typ.id" (eKuiper 1).</summary>
    private static bool Selects(string? selector, ConfigKey connection) =>
        selector is not null
        && (selector == connection.Name || selector == $"{connection.PluginType}.{connection.Name}");

    /// <summary>
    /// The connectionSelector of a stream's EXTRA option: eKuiper lays EXTRA over the conf key's properties, so it
    /// selects the connection in the conf key's stead.
    /// </summary>
    private static string? ExtraSelector(string statement) =>
        DdlParser.Parse(statement) is { Succeeded: true, Value.Options.Extra: { } extra } ? SelectorOf(extra) : null;

    private static string? SelectorOf(string propertiesJson)
    {
        try
        {
            using var document = JsonDocument.Parse(propertiesJson);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("connectionSelector", out var selector)
                   && selector.ValueKind == JsonValueKind.String
                ? selector.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
