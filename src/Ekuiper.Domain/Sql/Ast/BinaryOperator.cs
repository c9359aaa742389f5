namespace Ekuiper.Domain.Sql.Ast;

public enum BinaryOperator
{
    Or,
    And,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Like,
    NotLike,
    Add,
    Subtract,
    BitwiseOr,
    BitwiseXor,
    Multiply,
    Divide,
    Modulo,
    BitwiseAnd,
}

public static class BinaryOperatorExtensions
{
    /// <summary>
    /// Binding strength as in eKuiper (higher binds tighter): OR 1, AND 2, comparisons and LIKE 3,
    /// <c>+ - | ^</c> 4, <c>* / % &amp;</c> 5. All binary operators are left-associative.
    /// </summary>
    public static int Precedence(this BinaryOperator op) => op switch
    {
        BinaryOperator.Or => 1,
        BinaryOperator.And => 2,
        BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.BitwiseOr or BinaryOperator.BitwiseXor => 4,
        BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.Modulo or BinaryOperator.BitwiseAnd => 5,
        _ => 3,
    };

    public static string ToSql(this BinaryOperator op) => op switch
    {
        BinaryOperator.Or => "OR",
        BinaryOperator.And => "AND",
        BinaryOperator.Equal => "=",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Like => "LIKE",
        BinaryOperator.NotLike => "NOT LIKE",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.BitwiseOr => "|",
        BinaryOperator.BitwiseXor => "^",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        BinaryOperator.BitwiseAnd => "&",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>Whether the operator yields a boolean (what eKuiper requires of a searched CASE's WHEN).</summary>
    public static bool IsPredicate(this BinaryOperator op) => op.Precedence() <= 3;
}
