namespace Ekuiper.Domain.Sql.Ast;

/// <summary>One declared field of a stream, table or struct.</summary>
public sealed record StreamField(string Name, FieldType Type)
{
    /// <summary>The literal of an optional <c>DEFAULT</c> clause, as written (strings unquoted).</summary>
    public string? DefaultValue { get; init; }

    public string ToSql() =>
        DefaultValue is null
            ? $"{SqlText.Name(Name)} {Type.ToSql()}"
            : $"{SqlText.Name(Name)} {Type.ToSql()} DEFAULT {DefaultLiteral()}";

    private string DefaultLiteral() =>
        Type is BasicFieldType { Kind: BasicTypeKind.String } ? SqlText.Quote(DefaultValue!) : DefaultValue!;

    public override string ToString() => ToSql();
}
