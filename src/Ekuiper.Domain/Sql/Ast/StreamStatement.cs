namespace Ekuiper.Domain.Sql.Ast;

/// <summary>A parsed <c>CREATE STREAM</c> or <c>CREATE TABLE</c> statement.</summary>
/// <param name="Fields">Declared fields in order; empty for a schemaless stream.</param>
public sealed record StreamStatement(
    string Name,
    StreamKind Kind,
    IReadOnlyList<StreamField> Fields,
    StreamOptions Options)
{
    public bool IsSchemaless => Fields.Count == 0;

    /// <summary>A canonical <c>CREATE</c> statement equivalent to this one.</summary>
    public string ToSql()
    {
        var keyword = Kind == StreamKind.Table ? "TABLE" : "STREAM";
        var fields = string.Join(", ", Fields.Select(field => field.ToSql()));
        return $"CREATE {keyword} {SqlText.Name(Name)} ({fields}) {Options.ToSql()}";
    }

    public override string ToString() => ToSql();

    // Compare fields by value so that equal statements are equal whatever list type holds them.
    public bool Equals(StreamStatement? other) =>
        other is not null &&
        Name == other.Name &&
        Kind == other.Kind &&
        Fields.SequenceEqual(other.Fields) &&
        Options == other.Options;

    public override int GetHashCode() => HashCode.Combine(Name, Kind, Fields.Count, Options);
}
