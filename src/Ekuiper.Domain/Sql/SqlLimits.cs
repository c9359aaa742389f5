using Ekuiper.Domain.Sql.Ast;

namespace Ekuiper.Domain.Sql;

/// <summary>Bounds that keep parsing of untrusted SQL from exhausting the stack.</summary>
internal static class SqlLimits
{
    /// <summary>Maximum nesting of parentheses, calls, CASE and the like; also of DDL field types.</summary>
    public const int MaxNesting = 128;

    /// <summary>Maximum depth of an expression tree, operator chains included.</summary>
    public const int MaxTreeDepth = 1000;

    /// <summary>Depth of the tree, computed without recursion.</summary>
    public static int Depth(SqlExpression root)
    {
        var deepest = 0;
        var pending = new Stack<(SqlExpression Node, int Depth)>();
        pending.Push((root, 1));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            deepest = Math.Max(deepest, depth);
            foreach (var child in node.Children())
            {
                pending.Push((child, depth + 1));
            }
        }

        return deepest;
    }
}
