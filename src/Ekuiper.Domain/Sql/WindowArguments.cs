using Ekuiper.Domain.Sql.Ast;

namespace Ekuiper.Domain.Sql;

internal static class WindowArguments
{
    /// <summary>eKuiper's argument checks for window functions; null when the arguments are fine.</summary>
    public static string? Problem(WindowKind kind, string name, IReadOnlyList<SqlExpression> arguments)
    {
        switch (kind)
        {
            case WindowKind.State:
                return arguments.Count is 1 or 2 ? null : $"The arguments for {name} should be 1 or 2.";
            case WindowKind.Tumbling:
                return TimeWindowProblem(name, 2, arguments);
            case WindowKind.Hopping or WindowKind.Session:
                return TimeWindowProblem(name, 3, arguments);
            case WindowKind.Sliding:
                return arguments.Count is 2 or 3
                    ? TimeWindowProblem(name, arguments.Count, arguments)
                    : $"The arguments for {name} should be 2 or 3.";
            default:
                return CountWindowProblem(arguments);
        }
    }

    private static string? TimeWindowProblem(string name, int expectedCount, IReadOnlyList<SqlExpression> arguments)
    {
        if (arguments.Count != expectedCount)
        {
            return $"The arguments for {name} should be {expectedCount}.";
        }

        if (arguments[0] is not TimeUnitLiteral)
        {
            return $"The 1st argument for {name} is expecting timer literal expression. One value of [dd|hh|mi|ss|ms].";
        }

        for (var i = 1; i < arguments.Count; i++)
        {
            if (arguments[i] is not IntegerLiteral)
            {
                // Sic: eKuiper's wording, typo included.
                return $"The {i} argument for {name} is expecting interger literal expression.";
            }
        }

        return null;
    }

    private static string? CountWindowProblem(IReadOnlyList<SqlExpression> arguments) => arguments switch
    {
        [IntegerLiteral { Value: > 0 }] => null,
        [var length] => $"Invalid parameter value {length}.",
        [IntegerLiteral length, IntegerLiteral interval] when length.Value < interval.Value =>
            $"The second parameter value {interval.Value} should be less than the first parameter {length.Value}.",
        [IntegerLiteral, IntegerLiteral] => null,
        [var length, var interval] => $"Invalid parameter value {length}, {interval}.",
        _ => "Invalid parameter count.",
    };
}
