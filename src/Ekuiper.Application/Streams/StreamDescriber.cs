using System.Globalization;
using Ekuiper.Domain.Sql;
using Ekuiper.Domain.Sql.Ast;

namespace Ekuiper.Application.Streams;

/// <summary>Turns a parsed CREATE statement into eKuiper's JSON description of it (GET /streams/{name}).</summary>
public static class StreamDescriber
{
    public static StreamDescriptionDto Describe(StreamStatement statement) => new()
    {
        Name = statement.Name,
        // eKuiper's field list is nil for a schemaless stream, which it writes as null.
        StreamFields = statement.IsSchemaless ? null : statement.Fields.Select(field => DescribeField(field, withDefault: true)).ToList(),
        Options = DescribeOptions(statement.Options),
        StreamType = statement.Kind == StreamKind.Table ? 1 : 0,
    };

    /// <summary>
    /// GET /streams/{name}/schema: the declared fields as eKuiper's JSON schema map (<c>{"a":{"type":"bigint","index":0}}</c>,
    /// names sorted as Go sorts a map, each field's keys in eKuiper's struct order), or <c>null</c> for a schemaless one.
    /// </summary>
    public static string JsonSchema(StreamStatement statement) =>
        statement.Fields.Count == 0 ? "null" : SchemaOf(statement.Fields);

    private static string SchemaOf(IReadOnlyList<StreamField> fields)
    {
        // A repeated name keeps its last field, as eKuiper's map does.
        var byName = new Dictionary<string, StreamField>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            byName[field.Name] = field;
        }
        var members = Rules.GoJsonRemarshal.SortedByKey(byName, pair => pair.Key)
            .Select(pair => Rules.GoJsonRemarshal.Quote(pair.Key) + ":" + SchemaField(pair.Value.Type, DefaultClause(pair.Value)));
        return "{" + string.Join(",", members) + "}";
    }

    private static string SchemaField(FieldType type, string? defaultValue)
    {
        var parts = new List<string>();
        switch (type)
        {
            case BasicFieldType basic:
                parts.Add("\"type\":" + Rules.GoJsonRemarshal.Quote(basic.ToSql().ToLowerInvariant()));
                break;
            case ArrayFieldType array:
                parts.Add("\"type\":\"array\"");
                break;
            case StructFieldType:
                parts.Add("\"type\":\"struct\"");
                break;
        }
        if (defaultValue is not null)
        {
            parts.Add("\"default\":" + Rules.GoJsonRemarshal.Quote(defaultValue));
        }
        if (type is ArrayFieldType { ElementType: var element })
        {
            parts.Add("\"items\":" + SchemaField(element, null));
        }
        if (type is StructFieldType { Fields.Count: > 0 } record)
        {
            parts.Add("\"properties\":" + SchemaOf(record.Fields));
        }
        parts.Add("\"index\":0");
        return "{" + string.Join(",", parts) + "}";
    }

    /// <summary>The source type and format GET /streamdetails shows: lower-case, mqtt and json when not set.</summary>
    public static (string Type, string Format) TypeAndFormat(StreamOptions options) =>
        (options.EffectiveType.ToLowerInvariant(), string.IsNullOrEmpty(options.Format) ? "json" : options.Format.ToLowerInvariant());

    // eKuiper prints DEFAULT clauses only on top-level fields, not inside structs.
    private static StreamFieldDto DescribeField(StreamField field, bool withDefault) => new()
    {
        FieldType = DescribeType(field.Type),
        Name = field.Name,
        DefaultClause = withDefault ? DefaultClause(field) : null,
    };

    private static object DescribeType(FieldType type) => type switch
    {
        BasicFieldType basic => basic.ToSql().ToLowerInvariant(),
        ArrayFieldType array => new ArrayFieldTypeDto { ElementType = DescribeType(array.ElementType) },
        StructFieldType record => new StructFieldTypeDto { Fields = record.Fields.Select(f => DescribeField(f, withDefault: false)).ToList() },
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>eKuiper prints the converted literal: booleans as true/false whatever spelling the statement used.</summary>
    private static string? DefaultClause(StreamField field)
    {
        if (field.DefaultValue is null || field.Type is not BasicFieldType { Kind: BasicTypeKind.Boolean })
        {
            return field.DefaultValue;
        }
        return field.DefaultValue is "1" or "t" or "T" or "TRUE" or "true" or "True" ? "true" : "false";
    }

    /// <summary>eKuiper's Options struct as JSON: its field order and names; unset, empty, false and 0 are left out.</summary>
    private static OrderedDictionary<string, object> DescribeOptions(StreamOptions options)
    {
        var described = new OrderedDictionary<string, object>();
        AddText(described, "datasource", options.Datasource);
        AddText(described, "key", options.Key);
        AddText(described, "format", options.Format);
        AddText(described, "confKey", options.ConfKey);
        AddText(described, "type", options.Type);
        AddFlag(described, "strictValidation", options.StrictValidation);
        AddText(described, "timestamp", options.Timestamp);
        AddText(described, "timestampFormat", options.TimestampFormat);
        AddFlag(described, "shared", options.Shared);
        AddText(described, "schemaid", options.SchemaId);
        AddText(described, "version", options.Version);
        AddText(described, "extra", options.Extra);
        AddFlag(described, "temp", options.Temp);
        if (long.TryParse(options.RetainSize, NumberStyles.Integer, CultureInfo.InvariantCulture, out var retainSize) && retainSize != 0)
        {
            described["retainSize"] = retainSize;
        }
        AddText(described, "kind", options.Kind);
        AddText(described, "delimiter", options.Delimiter);
        return described;
    }

    private static void AddText(OrderedDictionary<string, object> options, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            options[name] = value;
        }
    }

    private static void AddFlag(OrderedDictionary<string, object> options, string name, string? value)
    {
        if (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
        {
            options[name] = true;
        }
    }
}
