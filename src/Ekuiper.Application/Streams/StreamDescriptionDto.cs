using System.Text.Json.Serialization;

namespace Ekuiper.Application.Streams;

/// <summary>
/// GET /streams/{name}: eKuiper's stream statement as JSON. Property names and order are eKuiper's; a schemaless
/// stream has null fields, and "Statement" is always null as in eKuiper.
/// </summary>
public sealed class StreamDescriptionDto
{
    [JsonPropertyName("Name")] public required string Name { get; init; }

    [JsonPropertyName("StreamFields")] public IReadOnlyList<StreamFieldDto>? StreamFields { get; init; }

    /// <summary>The options that are set, under eKuiper's JSON names (datasource, confKey, …), booleans and numbers typed.</summary>
    [JsonPropertyName("Options")] public required IDictionary<string, object> Options { get; init; }

    /// <summary>0 for a stream, 1 for a table.</summary>
    [JsonPropertyName("StreamType")] public int StreamType { get; init; }

    [JsonPropertyName("Statement")] public object? Statement => null;
}

/// <summary>
/// One field. <see cref="FieldType"/> is a type name ("bigint") for basic types, or an object
/// ({"Type":"array","ElementType":…} / {"Type":"struct","Fields":[…]}) as eKuiper prints them.
/// </summary>
public sealed class StreamFieldDto
{
    [JsonPropertyName("FieldType")] public required object FieldType { get; init; }

    [JsonPropertyName("Name")] public required string Name { get; init; }

    [JsonPropertyName("DefaultClause")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DefaultClause { get; init; }
}

public sealed class ArrayFieldTypeDto
{
    [JsonPropertyName("Type")] public string Type => "array";

    [JsonPropertyName("ElementType")] public required object ElementType { get; init; }
}

public sealed class StructFieldTypeDto
{
    [JsonPropertyName("Type")] public string Type => "struct";

    [JsonPropertyName("Fields")] public required IReadOnlyList<StreamFieldDto> Fields { get; init; }
}

/// <summary>One item of GET /streamdetails and /tabledetails; type and format lower-case, defaulted as eKuiper does.</summary>
public sealed class StreamDetailDto
{
    [JsonPropertyName("name")] public required string Name { get; init; }

    [JsonPropertyName("type")] public required string Type { get; init; }

    [JsonPropertyName("format")] public required string Format { get; init; }
}
