using Ekuiper.Domain.Sql;

namespace Ekuiper.Domain.Tests.Sql;

public class SqlReferencesTests
{
    private static StatementReferences Collect(string sql)
    {
        var result = SelectParser.Parse(sql);
        Assert.That(result.Error, Is.Null, () => result.Error!.Message);
        return SqlReferences.Collect(result.Value!);
    }

    [TestCase("SELECT * FROM demo", new[] { "demo" })]
    [TestCase("SELECT * FROM demo AS d", new[] { "demo" })]
    [TestCase("SELECT * FROM s1 AS a INNER JOIN s2 AS b ON a.id = b.id LEFT JOIN t ON t.k = a.k", new[] { "s1", "s2", "t" })]
    [TestCase("SELECT * FROM s1 AS a CROSS JOIN s1 AS b", new[] { "s1" })]
    [TestCase("SELECT * FROM a/b/#", new[] { "a/b/#" })]
    [TestCase("SELECT * FROM `My Stream`", new[] { "My Stream" })]
    public void CollectsSourceNamesNotAliases(string sql, string[] sources) =>
        Assert.That(Collect(sql).Sources, Is.EqualTo(sources));

    [TestCase("SELECT a FROM demo", new string[0])]
    [TestCase("SELECT count(*), AVG(a), Count(b) FROM demo", new[] { "count", "avg" })]
    [TestCase("SELECT round(abs(a), 2) FROM demo", new[] { "round", "abs" })]
    [TestCase("SELECT meta(topic), mqtt(qos) FROM demo", new[] { "meta", "mqtt" })]
    [TestCase("SELECT a FROM s1 INNER JOIN s2 ON lower(s1.k) = s2.k", new[] { "lower" })]
    [TestCase("SELECT a FROM demo WHERE upper(a) = \"X\" AND b IN split_value(c, \",\", 0)", new[] { "upper", "split_value" })]
    [TestCase("SELECT a FROM demo GROUP BY hash(a), TUMBLINGWINDOW(ss, 10) FILTER (WHERE isNull(b) = false)", new[] { "hash", "isnull" })]
    [TestCase("SELECT a FROM demo GROUP BY a HAVING sum(b) > 1 ORDER BY max(c)", new[] { "sum", "max" })]
    [TestCase("SELECT CASE WHEN f(a) > 1 THEN g(b) ELSE h(c) END FROM demo", new[] { "f", "g", "h" })]
    [TestCase("SELECT lag(a) OVER (PARTITION BY p(b) WHEN q(c)) FROM demo", new[] { "lag", "p", "q" })]
    [TestCase("SELECT * REPLACE(trim(a) AS a) FROM demo", new[] { "trim" })]
    [TestCase("SELECT a[idx(b)]->c, x BETWEEN lo(y) AND hi(y) FROM demo", new[] { "idx", "lo", "hi" })]
    public void CollectsDistinctLowerCasedFunctionNames(string sql, string[] functions) =>
        Assert.That(Collect(sql).Functions, Is.EqualTo(functions));

    [Test]
    public void ReferencesCompareByValue() =>
        Assert.That(Collect("SELECT f(a) FROM demo"), Is.EqualTo(new StatementReferences(["demo"], ["f"])));
}
