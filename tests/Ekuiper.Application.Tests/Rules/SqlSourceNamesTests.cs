using Ekuiper.Application.Rules;

namespace Ekuiper.Application.Tests.Rules;

public sealed class SqlSourceNamesTests
{
    [TestCase("SELECT * FROM demo", new[] { "demo" })]
    [TestCase("select a from demo where a > 1", new[] { "demo" })]
    [TestCase("SELECT * FROM demo AS d INNER JOIN t1 ON d.id = t1.id LEFT JOIN t2 ON d.id = t2.id", new[] { "demo", "t1", "t2" })]
    [TestCase("SELECT * FROM `my-stream`", new[] { "my-stream" })]
    [TestCase("SELECT 'FROM x' AS label, \"JOIN y\" AS other FROM demo", new[] { "demo" })]
    [TestCase("SELECT * FROM demo -- FROM commented\n", new[] { "demo" })]
    [TestCase("SELECT * FROM demo INNER JOIN demo ON demo.a = demo.b", new[] { "demo" })]
    [TestCase("not sql at all", new string[0])]
    public void Names_the_streams_after_FROM_and_JOIN(string sql, string[] expected) =>
        Assert.That(SqlSourceNames.Of(sql), Is.EqualTo(expected));
}
