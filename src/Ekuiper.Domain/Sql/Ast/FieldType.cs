namespace Ekuiper.Domain.Sql.Ast;

/// <summary>The scalar types a stream field can have.</summary>
public enum BasicTypeKind
{
    Bigint,
    Float,
    String,
    Datetime,
    Boolean,
    Bytea,
}

/// <summary>Declared type of a stream field: a basic type, an array or a struct, nested freely.</summary>
public abstract record FieldType
{
    private protected FieldType()
    {
    }

    /// <summary>The type as written in a <c>CREATE</c> statement, e.g. <c>ARRAY(STRUCT(a BIGINT))</c>.</summary>
    public abstract string ToSql();

    public sealed override string ToString() => ToSql();
}

public sealed record BasicFieldType(BasicTypeKind Kind) : FieldType
{
    public static BasicFieldType Bigint { get; } = new(BasicTypeKind.Bigint);
    public static BasicFieldType Float { get; } = new(BasicTypeKind.Float);
    public static BasicFieldType String { get; } = new(BasicTypeKind.String);
    public static BasicFieldType Datetime { get; } = new(BasicTypeKind.Datetime);
    public static BasicFieldType Boolean { get; } = new(BasicTypeKind.Boolean);
    public static BasicFieldType Bytea { get; } = new(BasicTypeKind.Bytea);

    public override string ToSql() => Kind.ToString().ToUpperInvariant();
}

public sealed record ArrayFieldType(FieldType ElementType) : FieldType
{
    public override string ToSql() => $"ARRAY({ElementType.ToSql()})";
}

public sealed record StructFieldType(IReadOnlyList<StreamField> Fields) : FieldType
{
    public override string ToSql() => $"STRUCT({string.Join(", ", Fields.Select(field => field.ToSql()))})";

    // Compare members by value so that equal declarations are equal whatever list type holds them.
    public bool Equals(StructFieldType? other) =>
        other is not null && Fields.SequenceEqual(other.Fields);

    public override int GetHashCode() =>
        Fields.Aggregate(Fields.Count, (hash, field) => HashCode.Combine(hash, field));
}
