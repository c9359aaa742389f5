using Ekuiper.Domain.Sql;
using Ekuiper.Domain.Sql.Ast;

namespace Ekuiper.Domain.Tests.Sql;

public class SelectParserTests
{
    private static SelectStatement ParseValid(string sql)
    {
        var result = SelectParser.Parse(sql);
        Assert.That(result.Error, Is.Null, () => $"{sql}\n{result.Error}");
        return result.Value!;
    }

    private static string Grouped(string sql) => SqlFormatter.Format(ParseValid(sql), explicitGrouping: true);

    // The lexer's token list is reused by the next parse on the same thread: a parse after a longer one, a refused one
    // or a stream statement reads its own statement only.
    [Test]
    public void ParsesAfterLongerRefusedAndDdlStatementsReadOnlyTheirOwnTokens()
    {
        var fields = string.Join(", ", Enumerable.Range(0, 3000).Select(i => $"f{i}"));
        Assert.That(ParseValid($"SELECT {fields} FROM big WHERE f1 > 2").Fields, Has.Count.EqualTo(3000));
        Assert.That(SqlFormatter.Format(ParseValid("SELECT a FROM demo")), Is.EqualTo("SELECT a FROM demo"));
        Assert.That(SelectParser.Parse("SELECT a FROM demo WHERE").Error, Is.Not.Null);
        Assert.That(DdlParser.Parse("CREATE STREAM s (x BIGINT, y STRING) WITH (TYPE=\"mqtt\")").Error, Is.Null);
        Assert.That(SqlFormatter.Format(ParseValid("SELECT b FROM other")), Is.EqualTo("SELECT b FROM other"));
        var longer = string.Join(", ", Enumerable.Range(0, 200).Select(i => $"g{i}"));
        Assert.That(SqlFormatter.Format(ParseValid($"SELECT {longer} FROM demo")), Is.EqualTo($"SELECT {longer} FROM demo"));
        Assert.That(SqlFormatter.Format(ParseValid("SELECT c FROM third")), Is.EqualTo("SELECT c FROM third"));
    }

    // Valid statements, printed with every nested operator expression in parentheses so that the
    // expected string shows the tree's shape.
    [TestCase("SELECT * FROM demo", "SELECT * FROM demo")]
    [TestCase("select * from demo", "SELECT * FROM demo")]
    [TestCase("SELECT * FROM demo;", "SELECT * FROM demo")]
    [TestCase("  SELECT\n\t*\r\nFROM\n demo ;  ", "SELECT * FROM demo")]
    [TestCase("SELECT a, b, c FROM demo", "SELECT a, b, c FROM demo")]
    [TestCase("SELECT a AS x, b as y FROM demo", "SELECT a AS x, b AS y FROM demo")]
    [TestCase("SELECT `select` AS `from`, `a b` FROM `my stream`", "SELECT `select` AS `from`, `a b` FROM `my stream`")]
    [TestCase("SELECT demo.a, demo.* FROM demo", "SELECT demo.a, demo.* FROM demo")]
    [TestCase("SELECT d.a FROM demo AS d", "SELECT d.a FROM demo AS d")]
    [TestCase("SELECT a.b FROM demo", "SELECT a->b FROM demo")]
    [TestCase("SELECT a.b.c FROM demo", "SELECT a->b->c FROM demo")]
    [TestCase("SELECT demo.a.b FROM demo", "SELECT demo.a->b FROM demo")]
    [TestCase("SELECT a->b, a->b->c FROM demo", "SELECT a->b, a->b->c FROM demo")]
    [TestCase("SELECT a[0], a[-1], a[i] FROM demo", "SELECT a[0], a[-1], a[i] FROM demo")]
    [TestCase("SELECT a[1:3], a[:2], a[2:], a[:], a[] FROM demo", "SELECT a[1:3], a[:2], a[2:], a[:], a[:] FROM demo")]
    [TestCase("SELECT a[0]->b[1:2] FROM demo", "SELECT a[0]->b[1:2] FROM demo")]
    [TestCase("SELECT a[b + 1] FROM demo", "SELECT a[(b + 1)] FROM demo")]
    [TestCase("SELECT a->b * 2 FROM demo", "SELECT (a->b * 2) FROM demo")]
    [TestCase("SELECT 1, 1.5, .5, -2, -0.25, \"s\", 's', true, FALSE FROM demo", "SELECT 1, 1.5, 0.5, -2, -0.25, \"s\", \"s\", true, false FROM demo")]
    [TestCase("SELECT 'it\\'s', \"say \\\"hi\\\"\" FROM demo", "SELECT \"it's\", \"say \\\"hi\\\"\" FROM demo")]
    [TestCase("SELECT a + b * c FROM demo", "SELECT (a + (b * c)) FROM demo")]
    [TestCase("SELECT (a + b) * c FROM demo", "SELECT (((a + b)) * c) FROM demo")]
    [TestCase("SELECT a - b - c FROM demo", "SELECT ((a - b) - c) FROM demo")]
    [TestCase("SELECT a / b % c FROM demo", "SELECT ((a / b) % c) FROM demo")]
    [TestCase("SELECT a - -1 FROM demo", "SELECT (a - -1) FROM demo")]
    [TestCase("SELECT a -1 FROM demo", "SELECT (a - 1) FROM demo")]
    [TestCase("SELECT a & b | c ^ d FROM demo", "SELECT (((a & b) | c) ^ d) FROM demo")]
    [TestCase("SELECT a | b & c FROM demo", "SELECT (a | (b & c)) FROM demo")]
    [TestCase("SELECT a + b & c FROM demo", "SELECT (a + (b & c)) FROM demo")]
    [TestCase("SELECT a*b FROM demo", "SELECT (a * b) FROM demo")]
    [TestCase("SELECT count(*) FROM demo", "SELECT count(*) FROM demo")]
    [TestCase("SELECT COUNT(*) AS c FROM demo", "SELECT COUNT(*) AS c FROM demo")]
    [TestCase("SELECT avg(temp), max(temp) - min(temp) AS spread FROM demo", "SELECT avg(temp), (max(temp) - min(temp)) AS spread FROM demo")]
    [TestCase("SELECT round(abs(a) * 2, 1) FROM demo", "SELECT round((abs(a) * 2), 1) FROM demo")]
    [TestCase("SELECT now() FROM demo", "SELECT now() FROM demo")]
    [TestCase("SELECT concat(a, \"x\",) FROM demo", "SELECT concat(a, \"x\") FROM demo")]
    [TestCase("SELECT meta(topic), mqtt(messageid) FROM demo", "SELECT meta(topic), mqtt(messageid) FROM demo")]
    [TestCase("SELECT meta(*) FROM demo", "SELECT meta(*) FROM demo")]
    [TestCase("SELECT meta(device->id) FROM demo", "SELECT meta(device->id) FROM demo")]
    [TestCase("SELECT json_path_query(data, \"$.a[0]\") FROM demo", "SELECT json_path_query(data, \"$.a[0]\") FROM demo")]
    [TestCase("SELECT lag(temp) OVER (PARTITION BY id) FROM demo", "SELECT lag(temp) OVER (PARTITION BY id) FROM demo")]
    [TestCase("SELECT lag(temp) OVER (WHEN temp > 10) FROM demo", "SELECT lag(temp) OVER (WHEN (temp > 10)) FROM demo")]
    [TestCase("SELECT lag(temp, 1, 0) OVER (PARTITION BY id, kind WHEN had_changed(true, status)) FROM demo", "SELECT lag(temp, 1, 0) OVER (PARTITION BY id, kind WHEN had_changed(true, status)) FROM demo")]
    [TestCase("SELECT row_number() OVER (PARTITION BY a ORDER BY b DESC) FROM demo", "SELECT row_number() OVER (PARTITION BY a ORDER BY b DESC) FROM demo")]
    [TestCase("SELECT a INVISIBLE, b AS c INVISIBLE FROM demo", "SELECT a INVISIBLE, b AS c INVISIBLE FROM demo")]
    [TestCase("SELECT * EXCEPT(a, b) FROM demo", "SELECT * EXCEPT(a, b) FROM demo")]
    [TestCase("SELECT * REPLACE(a + 1 AS a) FROM demo", "SELECT * REPLACE((a + 1) AS a) FROM demo")]
    [TestCase("SELECT * EXCEPT(a) REPLACE(b * 2 AS b, c AS d) FROM demo", "SELECT * EXCEPT(a) REPLACE((b * 2) AS b, c AS d) FROM demo")]
    [TestCase("SELECT CASE WHEN a > 1 THEN \"big\" ELSE \"small\" END AS size FROM demo", "SELECT CASE WHEN (a > 1) THEN \"big\" ELSE \"small\" END AS size FROM demo")]
    [TestCase("SELECT CASE color WHEN \"red\" THEN 1 WHEN \"green\" THEN 2 END FROM demo", "SELECT CASE color WHEN \"red\" THEN 1 WHEN \"green\" THEN 2 END FROM demo")]
    [TestCase("SELECT CASE WHEN a > 1 AND b < 2 THEN a + b END FROM demo", "SELECT CASE WHEN ((a > 1) AND (b < 2)) THEN (a + b) END FROM demo")]
    [TestCase("SELECT CASE WHEN a IN (1, 2) THEN 1 WHEN b BETWEEN 1 AND 2 THEN 2 WHEN true THEN 3 END FROM demo", "SELECT CASE WHEN (a IN (1, 2)) THEN 1 WHEN (b BETWEEN 1 AND 2) THEN 2 WHEN true THEN 3 END FROM demo")]
    [TestCase("SELECT CASE a + 1 WHEN 2 THEN CASE WHEN b = 1 THEN 1 END END FROM demo", "SELECT CASE (a + 1) WHEN 2 THEN CASE WHEN (b = 1) THEN 1 END END FROM demo")]
    [TestCase("SELECT a FROM demo WHERE a > 10", "SELECT a FROM demo WHERE (a > 10)")]
    [TestCase("SELECT a FROM demo WHERE a = 1 OR b = 2 AND c = 3", "SELECT a FROM demo WHERE ((a = 1) OR ((b = 2) AND (c = 3)))")]
    [TestCase("SELECT a FROM demo WHERE (a = 1 OR b = 2) AND c = 3", "SELECT a FROM demo WHERE ((((a = 1) OR (b = 2))) AND (c = 3))")]
    [TestCase("SELECT a FROM demo WHERE a != 1 AND b <> 2", "SELECT a FROM demo WHERE ((a != 1) AND (b != 2))")]
    [TestCase("SELECT a FROM demo WHERE a < 1 OR a <= 2 OR a > 3 OR a >= 4", "SELECT a FROM demo WHERE ((((a < 1) OR (a <= 2)) OR (a > 3)) OR (a >= 4))")]
    [TestCase("SELECT a FROM demo WHERE a + 1 > b * 2", "SELECT a FROM demo WHERE ((a + 1) > (b * 2))")]
    [TestCase("SELECT a FROM demo WHERE a IN (1, 2, 3)", "SELECT a FROM demo WHERE (a IN (1, 2, 3))")]
    [TestCase("SELECT a FROM demo WHERE a NOT IN (\"x\", \"y\")", "SELECT a FROM demo WHERE (a NOT IN (\"x\", \"y\"))")]
    [TestCase("SELECT a FROM demo WHERE a IN arr", "SELECT a FROM demo WHERE (a IN arr)")]
    [TestCase("SELECT a FROM demo WHERE a NOT IN b->list", "SELECT a FROM demo WHERE (a NOT IN b->list)")]
    [TestCase("SELECT a FROM demo WHERE a IN (1) AND b = 2", "SELECT a FROM demo WHERE ((a IN (1)) AND (b = 2))")]
    [TestCase("SELECT a FROM demo WHERE a BETWEEN 1 AND 10", "SELECT a FROM demo WHERE (a BETWEEN 1 AND 10)")]
    [TestCase("SELECT a FROM demo WHERE a NOT BETWEEN b AND c", "SELECT a FROM demo WHERE (a NOT BETWEEN b AND c)")]
    [TestCase("SELECT a FROM demo WHERE a BETWEEN 1 AND 10 AND b = 1", "SELECT a FROM demo WHERE ((a BETWEEN 1 AND 10) AND (b = 1))")]
    [TestCase("SELECT a FROM demo WHERE x = 1 AND a + 1 BETWEEN 1 AND 10", "SELECT a FROM demo WHERE ((x = 1) AND ((a + 1) BETWEEN 1 AND 10))")]
    [TestCase("SELECT a FROM demo WHERE a LIKE \"a%\"", "SELECT a FROM demo WHERE (a LIKE \"a%\")")]
    [TestCase("SELECT a FROM demo WHERE a NOT LIKE 'a_c' OR b LIKE c", "SELECT a FROM demo WHERE ((a NOT LIKE \"a_c\") OR (b LIKE c))")]
    [TestCase("SELECT a FROM demo WHERE f(a) = true", "SELECT a FROM demo WHERE (f(a) = true)")]
    [TestCase("SELECT a FROM demo WHERE meta(topic) = \"t/1\"", "SELECT a FROM demo WHERE (meta(topic) = \"t/1\")")]
    [TestCase("SELECT a FROM demo WHERE a->b[0] = 1", "SELECT a FROM demo WHERE (a->b[0] = 1)")]
    [TestCase("SELECT a FROM demo -- comment\nWHERE /* inline */ a = 1", "SELECT a FROM demo WHERE (a = 1)")]
    [TestCase("SELECT a FROM demo AS d", "SELECT a FROM demo AS d")]
    [TestCase("SELECT * FROM a/b/#", "SELECT * FROM `a/b/#`")]
    [TestCase("SELECT * FROM topic/+/x", "SELECT * FROM `topic/+/x`")]
    [TestCase("SELECT * FROM s1 INNER JOIN s2 ON s1.id = s2.id", "SELECT * FROM s1 INNER JOIN s2 ON (s1.id = s2.id)")]
    [TestCase("SELECT * FROM s1 AS a LEFT JOIN s2 AS b ON a.id = b.id", "SELECT * FROM s1 AS a LEFT JOIN s2 AS b ON (a.id = b.id)")]
    [TestCase("SELECT * FROM s1 RIGHT JOIN s2 ON s1.id = s2.id FULL JOIN s3 ON s3.id = s1.id", "SELECT * FROM s1 RIGHT JOIN s2 ON (s1.id = s2.id) FULL JOIN s3 ON (s3.id = s1.id)")]
    [TestCase("SELECT * FROM s1 CROSS JOIN s2", "SELECT * FROM s1 CROSS JOIN s2")]
    [TestCase("SELECT * FROM s1 LEFT JOIN s2", "SELECT * FROM s1 LEFT JOIN s2")]
    [TestCase("SELECT s1.a, t.b FROM s1 INNER JOIN t ON s1.k = t.k AND t.v > 1 WHERE s1.a > 0", "SELECT s1.a, t.b FROM s1 INNER JOIN t ON ((s1.k = t.k) AND (t.v > 1)) WHERE (s1.a > 0)")]
    [TestCase("SELECT count(*) FROM demo GROUP BY TUMBLINGWINDOW(ss, 10)", "SELECT count(*) FROM demo GROUP BY tumblingwindow(ss, 10)")]
    [TestCase("SELECT count(*) FROM demo GROUP BY tumblingwindow(dd, 1)", "SELECT count(*) FROM demo GROUP BY tumblingwindow(dd, 1)")]
    [TestCase("SELECT count(*) FROM demo GROUP BY HOPPINGWINDOW(mi, 10, 5)", "SELECT count(*) FROM demo GROUP BY hoppingwindow(mi, 10, 5)")]
    [TestCase("SELECT count(*) FROM demo GROUP BY SLIDINGWINDOW(hh, 1)", "SELECT count(*) FROM demo GROUP BY slidingwindow(hh, 1)")]
    [TestCase("SELECT count(*) FROM demo GROUP BY SlidingWindow(ms, 500, 100)", "SELECT count(*) FROM demo GROUP BY slidingwindow(ms, 500, 100)")]
    [TestCase("SELECT count(*) FROM demo GROUP BY SESSIONWINDOW(ss, 60, 10)", "SELECT count(*) FROM demo GROUP BY sessionwindow(ss, 60, 10)")]
    [TestCase("SELECT count(*) FROM demo GROUP BY COUNTWINDOW(5)", "SELECT count(*) FROM demo GROUP BY countwindow(5)")]
    [TestCase("SELECT count(*) FROM demo GROUP BY COUNTWINDOW(5, 1)", "SELECT count(*) FROM demo GROUP BY countwindow(5, 1)")]
    [TestCase("SELECT count(*) FROM demo GROUP BY STATEWINDOW(a > 1, a < 0)", "SELECT count(*) FROM demo GROUP BY statewindow((a > 1), (a < 0))")]
    [TestCase("SELECT count(*) FROM demo GROUP BY STATEWINDOW(a > 1)", "SELECT count(*) FROM demo GROUP BY statewindow((a > 1))")]
    [TestCase("SELECT count(*) FROM demo GROUP BY COUNTWINDOW(3, 1) FILTER(WHERE revenue > 100)", "SELECT count(*) FROM demo GROUP BY countwindow(3, 1) FILTER (WHERE (revenue > 100))")]
    [TestCase("SELECT * FROM demo GROUP BY SLIDINGWINDOW(ss, 10) OVER (WHEN a > 5)", "SELECT * FROM demo GROUP BY slidingwindow(ss, 10) OVER (WHEN (a > 5))")]
    [TestCase("SELECT * FROM demo GROUP BY SLIDINGWINDOW(ss, 10) FILTER (WHERE b = 1) OVER (WHEN a > 5 PARTITION BY id)", "SELECT * FROM demo GROUP BY slidingwindow(ss, 10) FILTER (WHERE (b = 1)) OVER (WHEN (a > 5) PARTITION BY id)")]
    [TestCase("SELECT color, count(*) FROM demo GROUP BY color, TUMBLINGWINDOW(ss, 10)", "SELECT color, count(*) FROM demo GROUP BY color, tumblingwindow(ss, 10)")]
    [TestCase("SELECT a FROM demo GROUP BY a->b, lower(c)", "SELECT a FROM demo GROUP BY a->b, lower(c)")]
    [TestCase("SELECT a, count(*) FROM demo GROUP BY a HAVING count(*) > 2", "SELECT a, count(*) FROM demo GROUP BY a HAVING (count(*) > 2)")]
    [TestCase("SELECT a FROM demo ORDER BY a", "SELECT a FROM demo ORDER BY a ASC")]
    [TestCase("SELECT a FROM demo ORDER BY a DESC, b ASC, c", "SELECT a FROM demo ORDER BY a DESC, b ASC, c ASC")]
    [TestCase("SELECT a FROM demo ORDER BY demo.a desc", "SELECT a FROM demo ORDER BY demo.a DESC")]
    [TestCase("SELECT a FROM demo ORDER BY count(*) DESC", "SELECT a FROM demo ORDER BY count(*) DESC")]
    [TestCase("SELECT a FROM demo LIMIT 10", "SELECT a FROM demo LIMIT 10")]
    [TestCase("SELECT a FROM demo LIMIT 10;", "SELECT a FROM demo LIMIT 10")]
    [TestCase("SELECT d.a, max(d.b) AS m FROM demo AS d LEFT JOIN t ON d.k = t.k WHERE d.a > 0 GROUP BY d.a, TUMBLINGWINDOW(ss, 5) HAVING max(d.b) > 1 ORDER BY m DESC LIMIT 3", "SELECT d.a, max(d.b) AS m FROM demo AS d LEFT JOIN t ON (d.k = t.k) WHERE (d.a > 0) GROUP BY d.a, tumblingwindow(ss, 5) HAVING (max(d.b) > 1) ORDER BY m DESC LIMIT 3")]
    [TestCase("SELECT x.y FROM demo WHERE x.y > 1 GROUP BY x.y ORDER BY x.y", "SELECT x->y FROM demo WHERE (x->y > 1) GROUP BY x->y ORDER BY x->y ASC")]
    [TestCase("SELECT a FROM demo WHERE a = 1 = true", "SELECT a FROM demo WHERE ((a = 1) = true)")]
    [TestCase("SELECT a.b[0], (a)[1] FROM demo", "SELECT a->b[0], (a)[1] FROM demo")]
    [TestCase("SELECT f(a).b FROM demo", "SELECT f(a)->b FROM demo")]
    [TestCase("SELECT dd, `dd` FROM demo", "SELECT dd, `dd` FROM demo")]
    public void ParsesValidStatements(string sql, string expected) =>
        Assert.That(Grouped(sql), Is.EqualTo(expected));

    private static IEnumerable<TestCaseData> RoundTripStatements() =>
        typeof(SelectParserTests).GetMethod(nameof(ParsesValidStatements))!
            .GetCustomAttributes(typeof(TestCaseAttribute), false)
            .Cast<TestCaseAttribute>()
            .Select(attribute => new TestCaseData(attribute.Arguments[0]));

    [TestCaseSource(nameof(RoundTripStatements))]
    public void PrintedStatementsParseBackToAnEqualTree(string sql)
    {
        var statement = ParseValid(sql);
        var printed = statement.ToString();

        Assert.That(ParseValid(printed), Is.EqualTo(statement), () => printed);
    }

    [TestCase("a + b * c", "a + b * c")]
    [TestCase("(a + b) * c", "(a + b) * c")]
    [TestCase("a - (b - c)", "a - (b - c)")]
    [TestCase("a.b", "a.b")]
    [TestCase("x IN (1, 2) AND y NOT BETWEEN 1 AND 2", "x IN (1, 2) AND y NOT BETWEEN 1 AND 2")]
    [TestCase("a->b[0] * -2.50", "a->b[0] * -2.5")]
    [TestCase("CASE WHEN a = 1 THEN 'x' END", "CASE WHEN a = 1 THEN \"x\" END")]
    [TestCase("f(*) OVER (PARTITION BY a)", "f(*) OVER (PARTITION BY a)")]
    [TestCase("`a b`.c", "`a b`.c")]
    [TestCase("12.0", "12.0")]
    public void PrintsCanonicalSql(string expression, string expected) =>
        Assert.That(SelectParser.ParseExpression(expression).Value?.ToString(), Is.EqualTo(expected));

    [Test]
    public void PrintsHandBuiltTreesWithTheParenthesesTheyNeed()
    {
        var tree = new BinaryExpr(
            new BinaryExpr(new FieldRef(null, "a"), BinaryOperator.Add, new FieldRef(null, "b")),
            BinaryOperator.Multiply,
            new BinaryExpr(new FieldRef(null, "c"), BinaryOperator.Subtract, new IntegerLiteral(1)));

        Assert.That(tree.ToString(), Is.EqualTo("(a + b) * (c - 1)"));
    }

    [TestCase("SELECTname FROM tbl", "Found \"SELECTname\", Expected SELECT.")]
    [TestCase("", "Found \"EOF\", Expected SELECT.")]
    [TestCase("CREATE STREAM demo () WITH ()", "Found \"CREATE\", Expected SELECT.")]
    [TestCase("SELECT * FROMS demo", "found \"FROMS\", expected FROM.")]
    [TestCase("SELECT a", "found \"EOF\", expected FROM.")]
    [TestCase("SELECT *f FROM tbl", "found \"f\", expected FROM.")]
    [TestCase("SELECT a b FROM tbl", "found \"b\", expected FROM.")]
    [TestCase("SELECT *, FROM tbl", "found \"FROM\", expected expression.")]
    [TestCase("SELECT FROM tbl", "found \"FROM\", expected expression.")]
    [TestCase("SELECT -abc FROM demo", "found \"-\", expected expression.")]
    [TestCase("SELECT \"abc' FROM tbl", "found \"\\\"abc' FROM tbl\", expected expression.")]
    [TestCase("SELECT \"a\\qb\" FROM tbl", "found \"invalid string: \\\"a\\\\qb\\\"\", expected expression.")]
    [TestCase("SELECT @a FROM tbl", "found \"@\", expected expression.")]
    [TestCase("SELECT 1e5 FROM tbl", "found \"e5\", expected FROM.")]
    [TestCase("SELECT 1.2.3 FROM tbl", "found \"1.2.3\", invalid number value.")]
    [TestCase("SELECT 99999999999999999999 FROM tbl", "found \"99999999999999999999\", invalid number value.")]
    [TestCase("SELECT * AS x FROM tbl", "alias is not supported for *")]
    [TestCase("SELECT a AS 1 FROM tbl", "found \"1\", expected as alias.")]
    [TestCase("SELECT a AS FROM tbl", "found \"FROM\", expected as alias.")]
    [TestCase("SELECT (a + b FROM tbl", "found \"FROM\", expected right paren.")]
    [TestCase("SELECT a FROM tbl WHERE", "found \"EOF\", expected expression.")]
    [TestCase("SELECT a FROM tbl WHERE a = 1 b", "found \"b\", expected EOF.")]
    [TestCase("SELECT a FROM tbl; SELECT b FROM tbl", "found \"SELECT\", expected EOF.")]
    [TestCase("SELECT a FROM", "found \"EOF\", expected stream name.")]
    [TestCase("SELECT a FROM WHERE a = 1", "found \"WHERE\", expected stream name.")]
    [TestCase("SELECT a FROM demo d", "found \"d\", expected EOF.")]
    [TestCase("SELECT a FROM demo AS 1", "found \"1\", expected as alias.")]
    [TestCase("SELECT * FROM s1 LEFT s2 ON s1.a = s2.a", "found \"LEFT\", expected JOIN key word.")]
    [TestCase("SELECT * FROM s1 JOIN s2 ON s1.a = s2.a", "found \"JOIN\", expected EOF.")]
    [TestCase("SELECT * FROM s1 CROSS JOIN s2 ON s1.a = s2.a", "On expression is not required for cross join type.")]
    [TestCase("SELECT a FROM tbl GROUP a", "found \"a\", expected BY statement.")]
    [TestCase("SELECT a FROM tbl ORDER a", "found \"a\", expected BY keyword.")]
    [TestCase("SELECT a FROM tbl LIMIT a", "limit should be integer")]
    [TestCase("SELECT a FROM tbl LIMIT 1.5", "limit should be integer")]
    [TestCase("SELECT a FROM tbl WHERE a NOT b", "found \"b\", expected expression")]
    [TestCase("SELECT a FROM tbl WHERE f1 NOT BETWEEN b", "expect AND expression after between but found EOF")]
    [TestCase("SELECT a FROM tbl WHERE f1 NOT BETWEEN 1 OR 2", "expect AND expression after between but found OR")]
    [TestCase("SELECT a FROM tbl WHERE f1 BETWEEN 1 + 1 AND 3", "expect AND expression after between but found +")]
    [TestCase("SELECT name FROM tbl WHERE name IN ()", "expect elements for IN expression, but found \")\", expected expression.")]
    [TestCase("SELECT name FROM tbl WHERE name IN (abc,def OR name in (abc)", "expect ) for IN expression, but got \"EOF\"")]
    [TestCase("SELECT name FROM tbl WHERE name IN", "expect expression after IN, but got error found \"EOF\", expected expression.")]
    [TestCase("SELECT CASE temperature ELSE \"low\" END as label, humidity FROM tbl", "invalid CASE expression, WHEN expected before ELSE")]
    [TestCase("SELECT CASE WHEN 30 THEN \"high\" ELSE \"low\" END as label, humidity FROM tbl", "invalid CASE expression, WHEN expression must be a bool condition")]
    [TestCase("SELECT CASE WHEN (a > 1) THEN 1 END FROM tbl", "invalid CASE expression, WHEN expression must be a bool condition")]
    [TestCase("SELECT CASE WHEN a > 1 \"x\" END FROM tbl", "invalid CASE expression, THEN expected after WHEN")]
    [TestCase("SELECT CASE a END FROM tbl", "invalid CASE expression, WHEN expected before END")]
    [TestCase("SELECT CASE WHEN a > 1 THEN 1 FROM tbl", "invalid CASE expression, END expected")]
    [TestCase("SELECT f(a b) FROM tbl", "found function call \"f\", expected ), but with \"b\".")]
    [TestCase("SELECT Abs(a b) FROM tbl", "found function call \"abs\", expected ), but with \"b\".")]
    [TestCase("SELECT f(a FROM tbl", "found function call \"f\", expected ), but with \"FROM\".")]
    [TestCase("SELECT sum(f1) FILTER( where revenue > 100 ) FROM tbl GROUP BY year", "found \"FILTER\", expected FROM.")]
    [TestCase("SELECT lag(a) OVER x FROM tbl", "Found \"IDENT\" after OVER, expect parentheses.")]
    [TestCase("SELECT lag(a) OVER () FROM tbl", "Found \")\" after OVER (, expect partition by or when.")]
    [TestCase("SELECT lag(a) OVER (PARTITION BY b c) FROM tbl", "Found \"IDENT\", expect right parentheses after OVER")]
    [TestCase("SELECT lag(a) OVER (PARTITION b) FROM tbl", "found \"b\", expected by after partition.")]
    [TestCase("SELECT * FROM demo GROUP BY COUNTWINDOW(3,1) FILTER where revenue > 100", "Found \"WHERE\" after FILTER, expect parentheses.")]
    [TestCase("SELECT * FROM demo GROUP BY COUNTWINDOW(3,1) FILTER (revenue > 100)", "Found \"revenue\" after FILTER(, expect WHERE.")]
    [TestCase("SELECT * FROM demo GROUP BY COUNTWINDOW(3,1) FILTER (WHERE revenue > 100", "Found \"EOF\" after FILTER, expect right parentheses.")]
    [TestCase("SELECT * FROM demo GROUP BY COUNTWINDOW(3,1) where revenue > 100", "found \"WHERE\", expected EOF.")]
    [TestCase("SELECT * FROM demo GROUP BY SLIDINGWINDOW(ss, 1) OVER WHEN a > 1", "Found \"WHEN\" after OVER, expect parentheses.")]
    [TestCase("SELECT * FROM demo GROUP BY SLIDINGWINDOW(ss, 1) OVER (WHEN a > 1", "Found \"EOF\" after OVER, expect right parentheses.")]
    [TestCase("SELECT f1 FROM tbl GROUP BY SLIDINGWINDOW(mi, 5, 1, 4)", "The arguments for slidingwindow should be 2 or 3.")]
    [TestCase("SELECT f1 FROM tbl GROUP BY SLIDINGWINDOW(\"mi\", 5)", "The 1st argument for slidingwindow is expecting timer literal expression. One value of [dd|hh|mi|ss|ms].")]
    [TestCase("SELECT f1 FROM tbl GROUP BY TUMBLINGWINDOW(ss)", "The arguments for tumblingwindow should be 2.")]
    [TestCase("SELECT f1 FROM tbl GROUP BY TUMBLINGWINDOW(ss, a)", "The 1 argument for tumblingwindow is expecting interger literal expression.")]
    [TestCase("SELECT f1 FROM tbl GROUP BY HOPPINGWINDOW(ss, 10)", "The arguments for hoppingwindow should be 3.")]
    [TestCase("SELECT f1 FROM tbl GROUP BY HOPPINGWINDOW(ss, 10, 5.5)", "The 2 argument for hoppingwindow is expecting interger literal expression.")]
    [TestCase("SELECT f1 FROM tbl GROUP BY SESSIONWINDOW(10, ss, 1)", "The 1st argument for sessionwindow is expecting timer literal expression. One value of [dd|hh|mi|ss|ms].")]
    [TestCase("SELECT f1 FROM tbl GROUP BY STATEWINDOW()", "The arguments for statewindow should be 1 or 2.")]
    [TestCase("SELECT f1 FROM tbl GROUP BY COUNTWINDOW(3, 5)", "The second parameter value 5 should be less than the first parameter 3.")]
    [TestCase("SELECT f1 FROM tbl GROUP BY COUNTWINDOW(0)", "Invalid parameter value 0.")]
    [TestCase("SELECT f1 FROM tbl GROUP BY COUNTWINDOW(a, 1)", "Invalid parameter value a, 1.")]
    [TestCase("SELECT f1 FROM tbl GROUP BY COUNTWINDOW()", "Invalid parameter count.")]
    [TestCase("SELECT a[1 FROM tbl", "Unexpected token \"1\". when parsing bracket expressions.")]
    [TestCase("SELECT a[1:2 FROM tbl", "Found \"FROM\", expected right bracket.")]
    [TestCase("SELECT a[FROM] FROM tbl", "The start index FROM is invalid in bracket expression.")]
    [TestCase("SELECT a[1:FROM] FROM tbl", "The end index FROM is invalid in bracket expression.")]
    [TestCase("SELECT a->1 FROM tbl", "found \"1\", expected expression.")]
    [TestCase("SELECT * EXCEPT a FROM tbl", "Found \"a\" after EXCEPT, expect left parentheses.")]
    [TestCase("SELECT * EXCEPT(a + b) FROM tbl", "Found \"+\" in EXCEPT")]
    [TestCase("SELECT * REPLACE a FROM tbl", "Found \"a\" after REPLACE, expect left parentheses.")]
    [TestCase("SELECT * REPLACE(a AS b c) FROM tbl", "Found \"c\" in REPLACE")]
    [TestCase("SELECT meta(* EXCEPT(a)) FROM tbl", "\"EXCEPT\" is not supported in meta function")]
    public void ReportsErrorsWithEkuipersWording(string sql, string message)
    {
        var result = SelectParser.Parse(sql);

        Assert.That(result.Succeeded, Is.False, () => result.Value?.ToString() ?? "");
        Assert.That(result.Error!.Message, Is.EqualTo(message));
    }

    [TestCase("SELECT * FROMS demo", 9)]
    [TestCase("SELECT a\nFROM tbl\nWHERE a = 1 b", 30)]
    [TestCase("SELECT f1 FROM tbl GROUP BY COUNTWINDOW(0)", 28)]
    public void ReportsTheOffendingTokensOffset(string sql, int position) =>
        Assert.That(SelectParser.Parse(sql).Error!.Position, Is.EqualTo(position));

    [Test]
    public void RefusesHostilelyDeepNestingInsteadOfOverflowingTheStack()
    {
        var parentheses = SelectParser.Parse($"SELECT {new string('(', 100_000)}a FROM demo");
        var calls = SelectParser.Parse($"SELECT {string.Concat(Enumerable.Repeat("f(", 100_000))}a FROM demo");

        Assert.That(parentheses.Error!.Message, Is.EqualTo("expression is nested too deeply (more than 128 levels)."));
        Assert.That(calls.Error!.Message, Is.EqualTo("expression is nested too deeply (more than 128 levels)."));
    }

    [Test]
    public void RefusesOperatorChainsTooLongToProcess()
    {
        var chain = SelectParser.Parse($"SELECT a{string.Concat(Enumerable.Repeat(" + a", 100_000))} FROM demo");

        Assert.That(chain.Error!.Message, Is.EqualTo("expression is nested too deeply (more than 1000 levels)."));
    }

    [Test]
    public void AcceptsModeratelyDeepExpressions()
    {
        var sql = $"SELECT {new string('(', 100)}a{new string(')', 100)}{string.Concat(Enumerable.Repeat(" + a", 500))} FROM demo";

        Assert.That(SelectParser.Parse(sql).Error, Is.Null);
    }

    [Test]
    public void DoesNotThrowOnNullInput() =>
        Assert.That(SelectParser.Parse(null!).Succeeded, Is.False);

    [Test]
    public void BuildsTheExpectedTree()
    {
        var statement = ParseValid("SELECT d.a AS x, b->c[0] FROM demo AS d WHERE a IN (1, 2) LIMIT 5");

        var expected = new SelectStatement(
            [
                new SelectField(new FieldRef("d", "a"), "x"),
                new SelectField(new IndexAccess(new JsonFieldAccess(new FieldRef(null, "b"), "c"), new IntegerLiteral(0)), null),
            ],
            new SourceRef("demo", "d"))
        {
            Where = new InListExpr(new FieldRef(null, "a"), false, [new IntegerLiteral(1), new IntegerLiteral(2)]),
            Limit = 5,
        };
        Assert.That(statement, Is.EqualTo(expected));
    }

    [Test]
    public void ReadsMetadataKeysInsideMetaCalls()
    {
        var statement = ParseValid("SELECT meta(topic), meta(d.id), mqtt(*), f(topic) FROM demo AS d");

        var arguments = statement.Fields.Select(field => ((FunctionCall)field.Expression).Arguments[0]).ToList();
        Assert.That(arguments, Is.EqualTo(new SqlExpression[]
        {
            new MetaRef(null, "topic"), new MetaRef("d", "id"), new MetaRef(null, "*"), new FieldRef(null, "topic"),
        }));
    }

    [TestCase("TUMBLINGWINDOW(ss, 10)", WindowKind.Tumbling, TimeUnit.Second, 10L, null, null)]
    [TestCase("HOPPINGWINDOW(mi, 10, 5)", WindowKind.Hopping, TimeUnit.Minute, 10L, 5L, null)]
    [TestCase("SESSIONWINDOW(hh, 2, 1)", WindowKind.Session, TimeUnit.Hour, 2L, 1L, null)]
    [TestCase("SLIDINGWINDOW(ms, 500, 100)", WindowKind.Sliding, TimeUnit.Millisecond, 500L, null, 100L)]
    [TestCase("SLIDINGWINDOW(dd, 1)", WindowKind.Sliding, TimeUnit.Day, 1L, null, null)]
    [TestCase("COUNTWINDOW(5, 2)", WindowKind.Count, null, 5L, 2L, null)]
    [TestCase("STATEWINDOW(a = 1, a = 2)", WindowKind.State, null, null, null, null)]
    public void InterpretsWindowArguments(string window, WindowKind kind, TimeUnit? unit, long? length, long? interval, long? delay)
    {
        var parsed = ParseValid($"SELECT count(*) FROM demo GROUP BY a, {window}").Window!;

        Assert.That((parsed.Kind, parsed.Unit, parsed.Length, parsed.Interval, parsed.Delay),
            Is.EqualTo((kind, unit, length, interval, delay)));
    }

    [Test]
    public void NamesOutputColumnsLikeEkuiper()
    {
        var statement = ParseValid("SELECT a, b AS c, Count(*), a + 1, *, 2 FROM demo");

        Assert.That(statement.OutputNames(), Is.EqualTo(new[] { "a", "c", "count", "kuiper_field_0", "*", "kuiper_field_1" }));
    }

    [Test]
    public void VisitsEveryExpressionInSourceOrder()
    {
        var statement = ParseValid("SELECT f(a + 1) FROM demo WHERE b > 2");

        var visited = statement.Expressions().SelectMany(expression => expression.DescendantsAndSelf()).Select(node => node.ToString());
        Assert.That(visited, Is.EqualTo(new[] { "f(a + 1)", "a + 1", "a", "1", "b > 2", "b", "2" }));
    }
}
