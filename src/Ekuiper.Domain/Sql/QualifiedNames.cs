using Ekuiper.Domain.Sql.Ast;

namespace Ekuiper.Domain.Sql;

/// <summary>
/// <c>x.y</c> means "column y of source x" only when x names a source (or alias) of the query;
/// otherwise eKuiper reads it as JSON access <c>x->y</c>. The parser sees the sources only after the
/// SELECT list, so this is settled once the whole statement is parsed.
/// </summary>
internal static class QualifiedNames
{
    public static SelectStatement Resolve(SelectStatement statement)
    {
        var sourceNames = statement.AllSources()
            .SelectMany(source => source.Alias is null ? new[] { source.Name } : [source.Name, source.Alias])
            .ToHashSet(StringComparer.Ordinal);

        bool NeedsFix(SqlExpression node) => node switch
        {
            FieldRef { Stream: { } stream } => !sourceNames.Contains(stream),
            MetaRef { Stream: { } stream } meta => !sourceNames.Contains(stream) && meta.Name != "*",
            _ => false,
        };

        // Most queries name only their sources: nothing to rewrite, and the statement is kept as it was parsed
        // (rewriting it would rebuild every node of every expression for an equal tree).
        if (!statement.Expressions().SelectMany(expression => expression.DescendantsAndSelf()).Any(NeedsFix))
        {
            return statement;
        }

        SqlExpression Fix(SqlExpression expression) => expression.Rewrite(node => node switch
        {
            FieldRef { Stream: { } stream } field when !sourceNames.Contains(stream) =>
                new JsonFieldAccess(new FieldRef(null, stream), field.Name),
            MetaRef { Stream: { } stream } meta when !sourceNames.Contains(stream) && meta.Name != "*" =>
                new JsonFieldAccess(new MetaRef(null, stream), meta.Name),
            _ => node,
        });

        SqlExpression? FixOptional(SqlExpression? expression) => expression is null ? null : Fix(expression);

        return statement with
        {
            Fields = ValueList.From(statement.Fields.Select(field => field with { Expression = Fix(field.Expression) })),
            Joins = ValueList.From(statement.Joins.Select(join => join with { Condition = FixOptional(join.Condition) })),
            Where = FixOptional(statement.Where),
            GroupBy = ValueList.From(statement.GroupBy.Select(Fix)),
            Having = FixOptional(statement.Having),
            OrderBy = ValueList.From(statement.OrderBy.Select(sort => sort with { Expression = Fix(sort.Expression) })),
        };
    }
}
