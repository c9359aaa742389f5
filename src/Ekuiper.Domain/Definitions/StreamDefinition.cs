using Ekuiper.Domain.Sql;
using Ekuiper.Domain.Sql.Ast;

namespace Ekuiper.Domain.Definitions;

/// <summary>
/// A stored stream or table. Streams and tables share one name space, as in eKuiper's stream store.
/// <see cref="Statement"/> is kept exactly as it was submitted so that an export gives it back unchanged.
/// </summary>
public class StreamDefinition
{
    public required string Name { get; set; }
    public StreamKind Kind { get; set; }
    public required string Statement { get; set; }

    /// <summary>The VERSION option, compared on replace: a lower version never overwrites a higher one.</summary>
    public string? Version { get; set; }

    /// <summary>The effective source type (TYPE option, mqtt by default), kept for dependency look-ups.</summary>
    public string SourceType { get; set; } = StreamOptions.DefaultType;

    /// <summary>The effective CONF_KEY option (default by default).</summary>
    public string ConfKey { get; set; } = StreamOptions.DefaultConfKey;

    public string? SchemaId { get; set; }
}
