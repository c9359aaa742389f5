using Ekuiper.Domain.Sql;
using Ekuiper.Domain.Sql.Ast;

namespace Ekuiper.Domain.Tests.Sql;

public class DdlParserTests
{
    private static readonly BasicFieldType Bigint = BasicFieldType.Bigint;
    private static readonly BasicFieldType Float = BasicFieldType.Float;
    private static readonly BasicFieldType Str = BasicFieldType.String;
    private static readonly BasicFieldType Datetime = BasicFieldType.Datetime;
    private static readonly BasicFieldType Boolean = BasicFieldType.Boolean;
    private static readonly BasicFieldType Bytea = BasicFieldType.Bytea;

    private static StreamField F(string name, FieldType type) => new(name, type);

    private static StructFieldType Struct(params StreamField[] fields) => new(fields);

    private static ArrayFieldType Array(FieldType element) => new(element);

    private static StreamStatement Stream(string name, StreamOptions options, params StreamField[] fields) =>
        new(name, StreamKind.Stream, fields, options);

    private static StreamStatement Table(string name, StreamOptions options, params StreamField[] fields) =>
        new(name, StreamKind.Table, fields, options);

    private static readonly StreamOptions UsersJson = new() { Datasource = "users", Format = "JSON" };

    private static IEnumerable<TestCaseData> ValidStatements()
    {
        TestCaseData Case(string name, string sql, StreamStatement expected) =>
            new TestCaseData(sql, expected).SetArgDisplayNames(name);

        yield return Case("nested arrays",
            "CREATE STREAM demo(list ARRAY(ARRAY(BIGINT))) WITH (DATASOURCE=\"users\", FORMAT=\"JSON\")",
            Stream("demo", UsersJson, F("list", Array(Array(Bigint)))));
        yield return Case("all basic types and a struct",
            """
            CREATE STREAM demo (
                USERID BIGINT,
                FIRST_NAME STRING,
                NICKNAMES ARRAY(STRING),
                data bytea,
                Gender BOOLEAN,
                score float,
                birthday datetime,
                ADDRESS STRUCT(STREET_NAME STRING, NUMBER BIGINT),
            ) WITH (DATASOURCE="users", FORMAT="JSON", KEY="USERID", CONF_KEY="srv1", type="MQTT", TIMESTAMP="USERID", TIMESTAMP_FORMAT="yyyy-MM-dd''T''HH:mm:ssX'");
            """,
            Stream("demo",
                UsersJson with
                {
                    Key = "USERID", ConfKey = "srv1", Type = "MQTT", Timestamp = "USERID",
                    TimestampFormat = "yyyy-MM-dd''T''HH:mm:ssX'",
                },
                F("USERID", Bigint), F("FIRST_NAME", Str), F("NICKNAMES", Array(Str)), F("data", Bytea),
                F("Gender", Boolean), F("score", Float), F("birthday", Datetime),
                F("ADDRESS", Struct(F("STREET_NAME", Str), F("NUMBER", Bigint)))));
        yield return Case("quoted boolean options",
            "CREATE STREAM demo (USERID BIGINT,) WITH (DATASOURCE=\"users\", FORMAT=\"JSON\", KEY=\"USERID\", STRICT_VALIDATION=\"true\", SHARED=\"true\");",
            Stream("demo", UsersJson with { Key = "USERID", StrictValidation = "true", Shared = "true" },
                F("USERID", Bigint)));
        yield return Case("unquoted boolean options",
            "CREATE STREAM demo () WITH (SHARED=true, STRICT_VALIDATION=FALSE, TEMP=True)",
            Stream("demo", new StreamOptions { Shared = "true", StrictValidation = "FALSE", Temp = "True" }));
        yield return Case("array of struct",
            "CREATE STREAM demo (ADDRESSES ARRAY(STRUCT(STREET_NAME STRING, NUMBER BIGINT)), birthday datetime,) WITH (DATASOURCE=\"users\", FORMAT=\"JSON\", STRICT_VALIDATION=\"FAlse\");",
            Stream("demo", UsersJson with { StrictValidation = "FAlse" },
                F("ADDRESSES", Array(Struct(F("STREET_NAME", Str), F("NUMBER", Bigint)))), F("birthday", Datetime)));
        yield return Case("struct of struct of array",
            "CREATE STREAM s (a STRUCT(b STRUCT(c ARRAY(FLOAT), d BOOLEAN), e BYTEA)) WITH (TYPE=\"memory\")",
            Stream("s", new StreamOptions { Type = "memory" },
                F("a", Struct(F("b", Struct(F("c", Array(Float)), F("d", Boolean))), F("e", Bytea)))));
        yield return Case("array of array of struct",
            "CREATE STREAM s (m ARRAY(ARRAY(STRUCT(x BIGINT)))) WITH ()",
            Stream("s", StreamOptions.Empty, F("m", Array(Array(Struct(F("x", Bigint)))))));
        yield return Case("schemaless with blank lines",
            "CREATE STREAM demo (\n\n\t\t) WITH (DATASOURCE=\"users\", FORMAT=\"JSON\", KEY=\"USERID\");",
            Stream("demo", UsersJson with { Key = "USERID" }));
        yield return Case("schemaless without spaces",
            "CREATE STREAM demo() WITH (DATASOURCE=\"users\")",
            Stream("demo", new StreamOptions { Datasource = "users" }));
        yield return Case("lower-case keywords",
            "create stream demo (name string) with (datasource=\"users\", format=\"json\")",
            Stream("demo", new StreamOptions { Datasource = "users", Format = "json" }, F("name", Str)));
        yield return Case("mixed-case type names",
            "CREATE STREAM test(userID bigint, NICKNAMES array(string), ADDRESS struct(\n TREET_NAME string, NUMBER bigint\n ), \n INFO Struct(INFO_NAME String)) WITH (DATASOURCE=\"test\", FORMAT=\"JSON\", CONF_KEY=\"democonf\", TYPE=\"MQTT\");",
            Stream("test", new StreamOptions { Datasource = "test", Format = "JSON", ConfKey = "democonf", Type = "MQTT" },
                F("userID", Bigint), F("NICKNAMES", Array(Str)),
                F("ADDRESS", Struct(F("TREET_NAME", Str), F("NUMBER", Bigint))),
                F("INFO", Struct(F("INFO_NAME", Str)))));
        yield return Case("a file scan table with trailing comma and semicolon",
            "\n CREATE TABLE T110\n (\n S1 string\n )\n WITH (DATASOURCE=\"test.json\", FORMAT=\"json\", TYPE=\"file\", KIND=\"scan\", );\n ",
            Table("T110", new StreamOptions { Datasource = "test.json", Format = "json", Type = "file", Kind = "scan" },
                F("S1", Str)));
        yield return Case("a lookup table",
            "CREATE TABLE alertTable() WITH (DATASOURCE=\"0\", TYPE=\"redis\", KIND=\"lookup\")",
            Table("alertTable", new StreamOptions { Datasource = "0", Type = "redis", Kind = "lookup" }));
        yield return Case("a memory lookup table with key",
            "CREATE TABLE t() WITH (DATASOURCE=\"topic\", TYPE=\"memory\", KIND=\"lookup\", KEY=\"id\")",
            Table("t", new StreamOptions { Datasource = "topic", Type = "memory", Kind = "lookup", Key = "id" }));
        yield return Case("every option",
            "CREATE STREAM s () WITH (DATASOURCE=\"d\", FORMAT=\"protobuf\", KEY=\"k\", CONF_KEY=\"c\", SHARED=\"false\", STRICT_VALIDATION=\"true\", TYPE=\"t\", TIMESTAMP=\"ts\", TIMESTAMP_FORMAT=\"f\", RETAIN_SIZE=\"3\", SCHEMAID=\"proto1.Book\", EXTRA=\"{\\\"a\\\":1}\", VERSION=\"v1\", TEMP=\"false\", KIND=\"scan\", DELIMITER=\",\")",
            Stream("s", new StreamOptions
            {
                Datasource = "d", Format = "protobuf", Key = "k", ConfKey = "c", Shared = "false",
                StrictValidation = "true", Type = "t", Timestamp = "ts", TimestampFormat = "f", RetainSize = "3",
                SchemaId = "proto1.Book", Extra = "{\"a\":1}", Version = "v1", Temp = "false", Kind = "scan",
                Delimiter = ",",
            }));
        yield return Case("option keys in any case",
            "CREATE STREAM s () WITH (Datasource=\"d\", conf_key=\"c\", SchemaId=\"x\")",
            Stream("s", new StreamOptions { Datasource = "d", ConfKey = "c", SchemaId = "x" }));
        yield return Case("a space delimiter",
            "CREATE STREAM demo () WITH (DATASOURCE=\"users\", FORMAT=\"DELIMITED\", Delimiter=\" \");",
            Stream("demo", new StreamOptions { Datasource = "users", Format = "DELIMITED", Delimiter = " " }));
        yield return Case("a binary stream with one bytea field",
            "CREATE STREAM demo (image BYTEA) WITH (DATASOURCE=\"users\", FORMAT=\"BINARY\");",
            Stream("demo", new StreamOptions { Datasource = "users", Format = "BINARY" }, F("image", Bytea)));
        yield return Case("an empty option list",
            "CREATE STREAM demo (USERID BIGINT,) WITH ();",
            Stream("demo", StreamOptions.Empty, F("USERID", Bigint)));
        yield return Case("extra commas in options",
            "CREATE STREAM demo () WITH (, DATASOURCE=\"a\",, FORMAT=\"json\",)",
            Stream("demo", new StreamOptions { Datasource = "a", Format = "json" }));
        yield return Case("back-quoted names",
            "CREATE STREAM `my stream` (`from` BIGINT, `a.b` STRING) WITH (DATASOURCE=\"x\")",
            Stream("my stream", new StreamOptions { Datasource = "x" }, F("from", Bigint), F("a.b", Str)));
        yield return Case("comments",
            "-- the demo stream\nCREATE STREAM demo /* fields */ (a BIGINT) WITH (DATASOURCE=\"x\") -- done",
            Stream("demo", new StreamOptions { Datasource = "x" }, F("a", Bigint)));
        yield return Case("escapes in option values",
            "CREATE STREAM demo () WITH (DATASOURCE=\"a\\\"b\\\\c\")",
            Stream("demo", new StreamOptions { Datasource = "a\"b\\c" }));
        yield return Case("default clauses",
            "CREATE STREAM demo (USERID BIGINT DEFAULT 10, NAME STRING DEFAULT \"foo bar\", V FLOAT DEFAULT -90.22, ok BOOLEAN DEFAULT true, PICTURE BYTEA) WITH (DATASOURCE=\"users\")",
            Stream("demo", new StreamOptions { Datasource = "users" },
                F("USERID", Bigint) with { DefaultValue = "10" },
                F("NAME", Str) with { DefaultValue = "foo bar" },
                F("V", Float) with { DefaultValue = "-90.22" },
                F("ok", Boolean) with { DefaultValue = "TRUE" },
                F("PICTURE", Bytea)));
    }

    [TestCaseSource(nameof(ValidStatements))]
    public void ParsesValidStatements(string sql, StreamStatement expected)
    {
        var result = DdlParser.Parse(sql);

        Assert.That(result.Error, Is.Null);
        Assert.That(result.Value, Is.EqualTo(expected), () => $"got {result.Value}");
    }

    [TestCaseSource(nameof(ValidStatements))]
    public void PrintedStatementsParseBackToTheSameTree(string sql, StreamStatement expected)
    {
        var reparsed = DdlParser.Parse(expected.ToSql());

        Assert.That(reparsed.Error, Is.Null, () => expected.ToSql());
        Assert.That(reparsed.Value, Is.EqualTo(expected));
    }

    [TestCase("CREATE STWREAM demo (NAME string) WITH (DATASOURCE=\"users\")", "found \"STWREAM\", expected keyword stream or table.")]
    [TestCase("create stwream demo () WITH ()", "found \"STWREAM\", expected keyword stream or table.")]
    [TestCase("CREATE", "found \"EOF\", expected keyword stream or table.")]
    [TestCase("CREATE STREAM demo (NAME integer) WITH (DATASOURCE=\"users\", FORMAT=\"JSON\", KEY=\"USERID\");", "found \"integer\", expect valid stream field types(BIGINT | FLOAT | STRING | DATETIME | BOOLEAN | BYTEA | ARRAY | STRUCT).")]
    [TestCase("CREATE STREAM demo (NAME string) WITH (sources=\"users\", FORMAT=\"JSON\", KEY=\"USERID\");", "found \"SOURCES\", unknown option keys(DATASOURCE|FORMAT|KEY|CONF_KEY|SHARED|STRICT_VALIDATION|TYPE|TIMESTAMP|TIMESTAMP_FORMAT|RETAIN_SIZE|SCHEMAID|EXTRA|VERSION|TEMP|KIND|DELIMITER).")]
    [TestCase("CREATE STREAM demo (NAME string) WITHs (DATASOURCE=\"users\", FORMAT=\"JSON\", KEY=\"USERID\");", "found \"WITHS\", expected is with.")]
    [TestCase("CREATE STREAM demo () WITHs (DATASOURCE=\"users\")", "found \"WITHs\", expected is with.")]
    [TestCase("CREATE STREAM demo (NAME string)", "found \"EOF\", expected is with.")]
    [TestCase("CREATE STREAM demo (NAME string)) WITH (DATASOURCE=\"users\", FORMAT=\"JSON\", KEY=\"USERID\");", "found \")\", expect stream options.")]
    [TestCase("CREATE STREAM demo ((NAME string) WITH (DATASOURCE=\"users\", FORMAT=\"JSON\", KEY=\"USERID\");", "found \"(\", expect stream field name.")]
    [TestCase("CREATE STREAM demo (USERID BIGINT,) WITH ());", "found \")\", expected semicolon or EOF.")]
    [TestCase("CREATE STREAM demo (USERID BIGINT,) WITH DATASOURCE=\"users\", FORMAT=\"JSON\", KEY=\"USERID\");", "found \"DATASOURCE\", expect stream options.")]
    [TestCase("CREATE STREAM demo (NAME string) WITH (DATASOURCE=\"users\", STRICT_VALIDATION=\"true1\");", "found \"true1\", expect TRUE/FALSE value in STRICT_VALIDATION option.")]
    [TestCase("CREATE STREAM demo (NAME string) WITH (SHARED=\"yes\")", "found \"yes\", expect TRUE/FALSE value in SHARED option.")]
    [TestCase("CREATE STREAM demo (NAME string) WITH (TEMP=\"1\")", "found \"1\", expect TRUE/FALSE value in TEMP option.")]
    [TestCase("CREATE TABLE demo (NAME string) WITH (RETAIN_SIZE=\"many\")", "found \"many\", expect number value in RETAIN_SIZE option.")]
    [TestCase("CREATE STREAM demo (NAME string) WITH (DATASOURCE=\"users\", FORMAT=\"JSON\", EXTRA=\"USERID\");", "invalid extra option, expect JSON string")]
    [TestCase("CREATE STREAM demo (NAME string) WITH (RETAIN_SIZE=3)", "found \"3\", expect string or boolean value in option.")]
    [TestCase("CREATE STREAM demo (NAME string) WITH (DATASOURCE='users')", "found \"users\", expect string or boolean value in option.")]
    [TestCase("CREATE STREAM demo (NAME string) WITH (DATASOURCE:\"users\")", "found \":\", expect equals(=) in options.")]
    [TestCase("CREATE STREAM demo (NAME string) WITH (DATASOURCE=\"users\"", "found \"EOF\", unknown option keys(DATASOURCE|FORMAT|KEY|CONF_KEY|SHARED|STRICT_VALIDATION|TYPE|TIMESTAMP|TIMESTAMP_FORMAT|RETAIN_SIZE|SCHEMAID|EXTRA|VERSION|TEMP|KIND|DELIMITER).")]
    [TestCase("CREATE STREAM (NAME string) WITH ()", "found \"(\", expected stream name.")]
    [TestCase("CREATE STREAM select (NAME string) WITH ()", "found \"SELECT\", expected stream name.")]
    [TestCase("CREATE STREAM demo WITH ()", "found \"WITH\", expected lparen after stream name.")]
    [TestCase("CREATE STREAM demo (NAME string age bigint) WITH ()", "found \"age\", expect comma or rparen.")]
    [TestCase("CREATE STREAM demo (from string) WITH ()", "found \"FROM\", expect stream field name.")]
    [TestCase("CREATE STREAM demo (a ARRAY(integer)) WITH ()", "found \"integer\", expect stream data types.")]
    [TestCase("CREATE STREAM demo (a ARRAY(BIGINT, FLOAT)) WITH ()", "found \",\", expect rparen in array type definition.")]
    [TestCase("CREATE STREAM demo (a ARRAY(STRUCT(b BIGINT), c)) WITH ()", "found \",\", expect rparen in struct of array type definition.")]
    [TestCase("CREATE STREAM demo (a ARRAY(ARRAY(BIGINT) x)) WITH ()", "found \"x\", expect rparen in array of array type definition.")]
    [TestCase("CREATE STREAM demo (a ARRAY BIGINT) WITH ()", "found \"BIGINT\", expect lparen in array type definition.")]
    [TestCase("CREATE STREAM demo (a STRUCT(b BIGINT) x) WITH ()", "found \"X\", expected is with.")]
    [TestCase("CREATE STREAM demo (a STRUCT b BIGINT) WITH ()", "found \"b\", expected lparen after stream name.")]
    [TestCase("CREATE STREAM demo (NAME string) WITH (DATASOURCE=\"x\") extra", "found \"extra\", expected semicolon or EOF.")]
    [TestCase("CREATE STREAM demo (NAME string) WITH (DATASOURCE=\"x\"); more", "found \"more\", expected EOF.")]
    [TestCase("CREATE STREAM demo (USERID BIGINT, FIRST_NAME STRING) WITH (DATASOURCE=\"users\", format=\"BINARY\");", "'binary' format stream can have only one field")]
    [TestCase("CREATE STREAM demo (name STRING) WITH (format=\"binary\")", "'binary' format stream can have only 'bytea' type field")]
    [TestCase("CREATE TABLE demo () WITH (format=\"binary\")", "'binary' format is not supported for table")]
    [TestCase("CREATE STREAM demo () WITH (DATASOURCE=\"d\", FORMAT=\"xml\")", "option 'format=xml' is invalid")]
    [TestCase("CREATE STREAM demo () WITH (DATASOURCE=\"d\", FORMAT=\"Custom\")", "option 'format=Custom' is invalid")]
    [TestCase("CREATE TABLE demo () WITH (DATASOURCE=\"d\", FORMAT=\"csv\")", "option 'format=csv' is invalid")]
    [TestCase("CREATE TABLE demo () WITH (TYPE=\"memory\", KIND=\"lookup\")", "Option \"key\" is required for memory lookup table.")]
    [TestCase("CREATE STREAM demo (NICKNAMES ARRAY(STRING) DEFAULT \"foo bar\") WITH ()", "DEFAULT clause is not supported for *ast.ArrayType")]
    [TestCase("CREATE STREAM demo (PICTURE BYTEA DEFAULT \"foo\") WITH ()", "DEFAULT clause is not supported for bytea")]
    [TestCase("CREATE STREAM demo (USERID BIGINT DEFAULT \"bar\",) WITH ()", "cannot convert string(bar) to int64")]
    [TestCase("CREATE STREAM demo (USERID BIGINT DEFAULT name) WITH ()", "found \"name\", expect default constraint value.")]
    [TestCase("CREATE STREAM demo (name STRING) WITH (DATASOURCE=\"unterminated)", "found \"\\\"unterminated)\", expect string or boolean value in option.")]
    [TestCase("", "Invalid stream statement: ")]
    [TestCase("   ", "Invalid stream statement:    ")]
    [TestCase("SELECT * FROM demo", "Invalid stream statement: SELECT * FROM demo")]
    [TestCase("DROP STREAM demo", "Invalid stream statement: DROP STREAM demo")]
    public void ReportsErrorsWithEkuipersWording(string sql, string message)
    {
        var result = DdlParser.Parse(sql);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Value, Is.Null);
        Assert.That(result.Error!.Message, Is.EqualTo(message));
    }

    [TestCase("CREATE STWREAM demo () WITH ()", 7)]
    [TestCase("CREATE STREAM demo (NAME integer) WITH ()", 25)]
    [TestCase("CREATE STREAM demo ()\nWITH (sources=\"x\")", 28)]
    [TestCase("CREATE STREAM demo (a bigint)", 29)]
    public void ReportsTheOffendingTokensOffset(string sql, int position) =>
        Assert.That(DdlParser.Parse(sql).Error!.Position, Is.EqualTo(position));

    [TestCase("ARRAY(", ")")]
    [TestCase("STRUCT(x ", ")")]
    public void RefusesHostilelyDeepTypeNesting(string open, string close)
    {
        var type = string.Concat(Enumerable.Repeat(open, 50_000)) + "BIGINT" + string.Concat(Enumerable.Repeat(close, 50_000));

        var result = DdlParser.Parse($"CREATE STREAM s (a {type}) WITH ()");

        Assert.That(result.Error!.Message, Is.EqualTo("field type is nested too deeply (more than 128 levels)."));
    }

    [Test]
    public void DoesNotThrowOnNullInput() =>
        Assert.That(DdlParser.Parse(null!).Succeeded, Is.False);

    [TestCase("CREATE STREAM s () WITH ()", "mqtt", "default")]
    [TestCase("CREATE STREAM s () WITH (TYPE=\"\", CONF_KEY=\"\")", "mqtt", "default")]
    [TestCase("CREATE STREAM s () WITH (TYPE=\"httppull\", CONF_KEY=\"weather\")", "httppull", "weather")]
    public void ResolvesEffectiveSourceTypeAndConfKey(string sql, string type, string confKey)
    {
        var options = DdlParser.Parse(sql).Value!.Options;

        Assert.That((options.EffectiveType, options.EffectiveConfKey), Is.EqualTo((type, confKey)));
    }

    [Test]
    public void SchemalessStreamHasNoFields()
    {
        var statement = DdlParser.Parse("CREATE STREAM s () WITH ()").Value!;

        Assert.That(statement.IsSchemaless, Is.True);
    }

    [Test]
    public void PrintsCanonicalSql()
    {
        var statement = DdlParser.Parse(
            "create table t (a array(struct(b bigint, `c d` string)), e float default 1.5) with (type=\"file\", datasource=\"x.json\")").Value!;

        Assert.That(statement.ToSql(), Is.EqualTo(
            "CREATE TABLE t (a ARRAY(STRUCT(b BIGINT, `c d` STRING)), e FLOAT DEFAULT 1.5) WITH (DATASOURCE=\"x.json\", TYPE=\"file\")"));
    }

    [TestCase("json")]
    [TestCase("JSON")]
    [TestCase("binary")]
    [TestCase("delimited")]
    [TestCase("UrlEncoded")]
    [TestCase("protobuf")]
    [TestCase("")]
    public void Accepts_every_format_eKuiper_registers_a_converter_for(string format)
    {
        var result = DdlParser.Parse($"CREATE STREAM demo () WITH (DATASOURCE=\"d\", FORMAT=\"{format}\")");

        Assert.That(result.Succeeded, Is.True, result.Error?.Message);
    }
}
