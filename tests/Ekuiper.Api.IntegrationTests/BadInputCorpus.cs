using System.Text;
using System.Text.Json;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>One malformed request: where it goes, its raw body, and the If-Match it carries, if any.</summary>
public sealed record BadInput(string Name, string Path, byte[] Body, string? IfMatch = null)
{
    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ByteArrayContent(Body) };
        request.Content.Headers.ContentType = new("application/json");
        if (IfMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", IfMatch);
        }
        return request;
    }
}

/// <summary>
/// A generated corpus of malformed import requests: broken bodies, broken documents and, for every section, entries of
/// the wrong shape. Documents whose entries are bad go in as partial imports (a full import of failing entries empties
/// the store by design, as eKuiper's does); everything else goes in both ways.
/// </summary>
public static class BadInputCorpus
{
    private static readonly string[] Sections =
        ["streams", "tables", "rules", "nativePlugins", "portablePlugins", "sourceConfig", "sinkConfig", "connectionConfig", "Service", "Schema", "uploads", "scripts"];

    /// <param name="validDocument">A document that imports cleanly, cut into truncated copies.</param>
    /// <param name="outsideFile">A file outside the allowed file roots.</param>
    /// <param name="invalidUtf8File">A file (inside the roots) whose bytes are not UTF-8.</param>
    public static List<BadInput> Generate(string validDocument, string outsideFile, string invalidUtf8File, string directory)
    {
        var corpus = new List<BadInput>();
        corpus.AddRange(BadBodies("/data/import"));
        corpus.AddRange(BadBodies("/async/data/import"));
        foreach (var (name, document) in BadDocuments(validDocument))
        {
            corpus.Add(Import($"full: {name}", document, ""));
            corpus.Add(Import($"partial: {name}", document, "?partial=1"));
        }
        foreach (var (name, document) in BadEntries(outsideFile))
        {
            corpus.Add(Import($"entry: {name}", document, "?partial=1"));
        }
        corpus.AddRange(BadFiles(outsideFile, invalidUtf8File, directory));
        corpus.AddRange(BadQueriesAndHeaders(validDocument));
        return corpus;
    }

    private static BadInput Import(string name, string document, string query) =>
        new(name, "/data/import" + query, Json(new { content = document }));

    private static byte[] Json(object value) => JsonSerializer.SerializeToUtf8Bytes(value);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Nested(int depth, string open, string close, string inner = "1") =>
        string.Concat(Enumerable.Repeat(open, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth));

    /// <summary>Bodies that are not {"content": string} or {"file": string}.</summary>
    private static IEnumerable<BadInput> BadBodies(string path)
    {
        var bodies = new List<(string, byte[])>
        {
            ("empty body", []),
            ("null body", Utf8("null")),
            ("array body", Utf8("[]")),
            ("number body", Utf8("123")),
            ("string body", Utf8("\"text\"")),
            ("open brace", Utf8("{")),
            ("content without value", Utf8("{\"content\":")),
            ("unterminated content", Utf8("{\"content\":\"abc")),
            ("content is a number", Utf8("{\"content\":5}")),
            ("content is an object", Utf8("{\"content\":{}}")),
            ("content is an array", Utf8("{\"content\":[\"a\"]}")),
            ("content is a boolean", Utf8("{\"content\":true}")),
            ("file is a number", Utf8("{\"file\":5}")),
            ("file is an array", Utf8("{\"file\":[\"file:///tmp/a.json\"]}")),
            ("both content and file", Utf8("{\"content\":\"{}\",\"file\":\"file:///tmp/a.json\"}")),
            ("neither content nor file", Utf8("{}")),
            ("both empty", Utf8("{\"content\":\"\",\"file\":\"\"}")),
            ("only unknown fields", Utf8("{\"contents\":\"{}\"}")),
            ("invalid UTF-8 in the body", [.. Utf8("{\"content\":\""), 0xff, 0xfe, .. Utf8("\"}")]),
            ("overlong UTF-8 in the body", [.. Utf8("{\"content\":\""), 0xc0, 0xaf, .. Utf8("\"}")]),
            ("truncated UTF-8 sequence", [.. Utf8("{\"content\":\""), 0xe2, 0x82, .. Utf8("\"}")]),
            ("lone surrogate escape in the body", Utf8("{\"content\":\"\\ud800\"}")),
            ("NUL bytes", [0, 0, 0, 0]),
            ("XML body", Utf8("<import><content/></import>")),
            ("deeply nested arrays", Utf8("{\"content\":" + Nested(5000, "[", "]") + "}")),
            ("deeply nested objects", Utf8(Nested(5000, "{\"a\":", "}"))),
            // What follows the first JSON value is not read, as Go's decoder does not read it: "{…} garbage" is no bad body.
            ("single quotes", Utf8("{'content':'{}'}")),
            ("comment", Utf8("{/* c */\"content\":\"{}\"}")),
        };
        var valid = Utf8(JsonSerializer.Serialize(new { content = "{\"streams\":{}}" }));
        for (var cut = 1; cut < valid.Length - 1; cut += Math.Max(1, valid.Length / 6))
        {
            bodies.Add(($"body cut at {cut}", valid[..cut]));
        }
        return bodies.Select(b => new BadInput($"{path} {b.Item1}", path, b.Item2));
    }

    /// <summary>Documents that do not parse as a ruleset at all.</summary>
    private static IEnumerable<(string, string)> BadDocuments(string validDocument)
    {
        for (var i = 1; i <= 24; i++)
        {
            var cut = validDocument.Length * i / 25;
            yield return ($"document cut at {cut} of {validDocument.Length}", validDocument[..cut]);
        }
        yield return ("document is an array", "[]");
        yield return ("document is a number", "42");
        yield return ("document is a string", "\"streams\"");
        yield return ("document is null", "null");
        yield return ("document is true", "true");
        yield return ("document is white space", "   ");
        yield return ("document is not JSON", "streams: {}");
        yield return ("document has trailing garbage", "{} {}");
        yield return ("document nests deeply in a section", "{\"streams\":" + Nested(1000, "[", "]") + "}");
        yield return ("document nests deeply in an unknown field", "{\"x\":" + Nested(1000, "{\"a\":", "}") + "}");
        yield return ("document has a lone surrogate in a key", "{\"streams\":{\"\\ud800\":\"CREATE STREAM x () WITH (DATASOURCE=\\\"x\\\")\"}}");
        yield return ("document has a lone surrogate in a value", "{\"rules\":{\"r\":\"\\udc00\"}}");
        yield return ("document has an unescaped control character", "{\"streams\":{\"a\":\"CREATE\u0001\"}}");
        yield return ("document has a huge unterminated string", "{\"streams\":{\"a\":\"" + new string('a', 2_000_000));
        foreach (var section in Sections)
        {
            foreach (var (shape, value) in new[] { ("a number", "5"), ("a string", "\"x\""), ("an array", "[]"), ("a boolean", "false") })
            {
                yield return ($"{section} is {shape}", $"{{\"{section}\":{value}}}");
            }
            foreach (var (shape, value) in new[] { ("a number", "5"), ("an object", "{}"), ("an array", "[\"x\"]"), ("a boolean", "true"), ("null", "null") })
            {
                yield return ($"{section} entry is {shape}", $"{{\"{section}\":{{\"k\":{value}}}}}");
            }
        }
    }

    /// <summary>Documents that parse, with entries every section's checks refuse.</summary>
    private static IEnumerable<(string, string)> BadEntries(string outsideFile)
    {
        string Doc(string section, string key, string value) => EkuiperClient.Document((section, key, value));
        string Rule(string id, string sql) => JsonSerializer.Serialize(new { id, sql, actions = new[] { new { log = new { } } } });
        var outside = new Uri(outsideFile).AbsoluteUri;
        var huge = new string('x', 1_000_000);

        foreach (var section in new[] { "streams", "tables" })
        {
            var word = section == "streams" ? "STREAM" : "TABLE";
            yield return ($"{section}: empty statement", Doc(section, "a", ""));
            yield return ($"{section}: CREATE alone", Doc(section, "a", "CREATE"));
            yield return ($"{section}: no name", Doc(section, "a", $"CREATE {word}"));
            yield return ($"{section}: name differs from key", Doc(section, "a", $"CREATE {word} b () WITH (DATASOURCE=\"b\")"));
            yield return ($"{section}: misspelt keyword", Doc(section, "a", $"CREATE STWREAM a () WITH (DATASOURCE=\"a\")"));
            yield return ($"{section}: unterminated string", Doc(section, "a", $"CREATE {word} a () WITH (DATASOURCE=\"a)"));
            yield return ($"{section}: unknown field type", Doc(section, "a", $"CREATE {word} a (x wibble) WITH (DATASOURCE=\"a\")"));
            yield return ($"{section}: not a CREATE", Doc(section, "a", $"DROP {word} a"));
            yield return ($"{section}: deeply nested types", Doc(section, "a", $"CREATE {word} a (x {Nested(2000, "ARRAY(", ")", "BIGINT")}) WITH (DATASOURCE=\"a\")"));
            yield return ($"{section}: huge statement", Doc(section, "a", $"CREATE {word} a () WITH (DATASOURCE=\"{huge}"));
            yield return ($"{section}: NUL in statement", Doc(section, "a", $"CREATE {word} a\0 () WITH (DATASOURCE=\"a\")"));
            // Written by hand: a serializer would replace the unpaired surrogate with U+FFFD.
            yield return ($"{section}: lone surrogate in the statement", $"{{\"{section}\":{{\"a\":\"CREATE {word} a () WITH (DATASOURCE=\\\"\\ud800\\\")\"}}}}");
            yield return ($"{section}: unknown option", Doc(section, "a", $"CREATE {word} a () WITH (WIBBLE=\"a\")"));
        }
        yield return ("table under streams", Doc("streams", "a", "CREATE TABLE a () WITH (DATASOURCE=\"a\")"));

        yield return ("rules: not JSON", Doc("rules", "r", "not json"));
        yield return ("rules: an array", Doc("rules", "r", "[]"));
        yield return ("rules: empty object", Doc("rules", "r", "{}"));
        yield return ("rules: id differs from key", Doc("rules", "r", Rule("q", "SELECT * FROM demo")));
        yield return ("rules: id is a number", Doc("rules", "r", "{\"id\":5,\"sql\":\"SELECT * FROM demo\",\"actions\":[{\"log\":{}}]}"));
        yield return ("rules: no sql nor graph", Doc("rules", "r", "{\"id\":\"r\",\"actions\":[{\"log\":{}}]}"));
        yield return ("rules: both sql and graph", Doc("rules", "r", "{\"id\":\"r\",\"sql\":\"SELECT * FROM demo\",\"graph\":{},\"actions\":[{\"log\":{}}]}"));
        yield return ("rules: actions not an array", Doc("rules", "r", "{\"id\":\"r\",\"sql\":\"SELECT * FROM demo\",\"actions\":{}}"));
        yield return ("rules: no actions", Doc("rules", "r", "{\"id\":\"r\",\"sql\":\"SELECT * FROM demo\",\"actions\":[]}"));
        yield return ("rules: sql does not parse", Doc("rules", "r", Rule("r", "SELEKT * FROM demo")));
        yield return ("rules: sql is empty", Doc("rules", "r", Rule("r", "")));
        yield return ("rules: unknown stream", Doc("rules", "r", Rule("r", "SELECT * FROM ghost")));
        yield return ("rules: unknown function", Doc("rules", "r", Rule("r", "SELECT warp(a) FROM demo")));
        yield return ("rules: deeply nested parentheses", Doc("rules", "r", Rule("r", $"SELECT {Nested(20000, "(", ")")} FROM demo")));
        yield return ("rules: long operator chain", Doc("rules", "r", Rule("r", $"SELECT {string.Join(" + ", Enumerable.Repeat("a", 20000))} FROM demo")));
        yield return ("rules: deeply nested calls", Doc("rules", "r", Rule("r", $"SELECT {Nested(5000, "abs(", ")")} FROM demo")));
        yield return ("rules: deeply nested JSON", Doc("rules", "r", "{\"id\":\"r\",\"sql\":\"SELECT * FROM demo\",\"actions\":" + Nested(2000, "[", "]") + "}"));
        yield return ("rules: huge sql", Doc("rules", "r", Rule("r", "SELECT " + huge + " FROM")));
        yield return ("rules: unterminated sql string", Doc("rules", "r", Rule("r", "SELECT \"abc FROM demo")));
        yield return ("rules: unknown sink", Doc("rules", "r", "{\"id\":\"r\",\"sql\":\"SELECT * FROM demo\",\"actions\":[{\"nosuchsink\":{}}]}"));
        yield return ("rules: graph is not an object", Doc("rules", "r", "{\"id\":\"r\",\"graph\":[]}"));
        yield return ("rules: graph of nothing", Doc("rules", "r", "{\"id\":\"r\",\"graph\":{\"nodes\":5}}"));
        yield return ("rules: lone surrogate in the sql", Doc("rules", "r", "{\"id\":\"r\",\"sql\":\"SELECT '\\ud800' FROM demo\",\"actions\":[{\"log\":{}}]}"));
        yield return ("rules: lone surrogate in a key", Doc("rules", "r", "{\"id\":\"r\",\"\\udc00\":1,\"sql\":\"SELECT * FROM demo\",\"actions\":[{\"log\":{}}]}"));
        yield return ("rules: lone surrogate in an action", Doc("rules", "r", "{\"id\":\"r\",\"sql\":\"SELECT * FROM demo\",\"actions\":[{\"\\ud800\":{}}]}"));
        yield return ("rules: graph with a lone surrogate", Doc("rules", "r", "{\"id\":\"r\",\"graph\":{\"nodes\":{\"\\ud800\":{\"type\":\"source\"}}}}"));
        yield return ("rules: trailing garbage", Doc("rules", "r", Rule("r", "SELECT * FROM demo") + "}"));

        foreach (var section in new[] { "sourceConfig", "sinkConfig", "connectionConfig" })
        {
            yield return ($"{section}: not JSON", Doc(section, "mqtt", "not json"));
            yield return ($"{section}: an array", Doc(section, "mqtt", "[]"));
            yield return ($"{section}: a number", Doc(section, "mqtt", "5"));
            yield return ($"{section}: key is a number", Doc(section, "mqtt", "{\"k\":5}"));
            yield return ($"{section}: key is an array", Doc(section, "mqtt", "{\"k\":[]}"));
            yield return ($"{section}: key is a string", Doc(section, "mqtt", "{\"k\":\"qos\"}"));
            yield return ($"{section}: deeply nested properties", Doc(section, "mqtt", "{\"k\":" + Nested(2000, "{\"a\":", "}") + "}"));
            yield return ($"{section}: truncated", Doc(section, "mqtt", "{\"k\":{\"qos\":"));
            yield return ($"{section}: lone surrogate in a key name", Doc(section, "mqtt", "{\"\\ud800\":{\"qos\":1}}"));
            yield return ($"{section}: lone surrogate in a value", Doc(section, "mqtt", "{\"k\":{\"server\":\"\\udc00\"}}"));
        }

        foreach (var (section, key, name) in new[] { ("nativePlugins", "sources_zz", "zz"), ("portablePlugins", "zz", "zz"), ("Service", "zz", "zz") })
        {
            yield return ($"{section}: not JSON", Doc(section, key, "not json"));
            yield return ($"{section}: empty object", Doc(section, key, "{}"));
            yield return ($"{section}: no file", Doc(section, key, JsonSerializer.Serialize(new { name })));
            yield return ($"{section}: name differs from key", Doc(section, key, JsonSerializer.Serialize(new { name = "other", file = "file:///tmp/x.zip" })));
            yield return ($"{section}: ftp file", Doc(section, key, JsonSerializer.Serialize(new { name, file = "ftp://host/x.zip" })));
            yield return ($"{section}: relative file", Doc(section, key, JsonSerializer.Serialize(new { name, file = "x.zip" })));
            yield return ($"{section}: file outside the roots", Doc(section, key, JsonSerializer.Serialize(new { name, file = outside })));
            yield return ($"{section}: missing file", Doc(section, key, JsonSerializer.Serialize(new { name, file = "file:///tmp/ekuiper-missing-" + Guid.NewGuid() + ".zip" })));
            yield return ($"{section}: refused connection", Doc(section, key, JsonSerializer.Serialize(new { name, file = "http://127.0.0.1:9/x.zip" })));
            yield return ($"{section}: lone surrogate in the name", Doc(section, key, "{\"name\":\"\\ud800\",\"file\":\"file:///tmp/x.zip\"}"));
            yield return ($"{section}: file is a number", Doc(section, key, "{\"name\":\"" + name + "\",\"file\":5}"));
        }
        yield return ("nativePlugins: key without a kind", Doc("nativePlugins", "zz", JsonSerializer.Serialize(new { name = "zz", file = "file:///tmp/x.zip" })));
        yield return ("nativePlugins: shellParas not strings", Doc("nativePlugins", "sources_zz", "{\"name\":\"zz\",\"file\":\"file:///tmp/x.zip\",\"shellParas\":[1]}"));

        yield return ("Schema: not JSON", Doc("Schema", "protobuf_p", "not json"));
        yield return ("Schema: empty object", Doc("Schema", "protobuf_p", "{}"));
        yield return ("Schema: unknown type", Doc("Schema", "avro_p", JsonSerializer.Serialize(new { name = "p", content = "x" })));
        yield return ("Schema: proto that does not parse", Doc("Schema", "protobuf_p", JsonSerializer.Serialize(new { name = "p", content = "message {" })));
        yield return ("Schema: deeply nested unclosed proto", Doc("Schema", "protobuf_p", JsonSerializer.Serialize(new { name = "p", content = "syntax = \"proto3\";" + string.Concat(Enumerable.Repeat("message A {", 3000)) })));
        yield return ("Schema: file outside the roots", Doc("Schema", "protobuf_p", JsonSerializer.Serialize(new { name = "p", file = outside })));

        yield return ("uploads: lone surrogate in the content", Doc("uploads", "u.txt", "{\"name\":\"u.txt\",\"content\":\"\\ud800\"}"));
        yield return ("Schema: lone surrogate in the content", Doc("Schema", "protobuf_p", "{\"name\":\"p\",\"content\":\"message A { string \\ud800 = 1; }\"}"));
        yield return ("uploads: not JSON", Doc("uploads", "u.txt", "not json"));
        yield return ("uploads: empty object", Doc("uploads", "u.txt", "{}"));
        yield return ("uploads: name differs from key", Doc("uploads", "u.txt", JsonSerializer.Serialize(new { name = "v.txt", content = "x" })));
        yield return ("uploads: file outside the roots", Doc("uploads", "u.txt", JsonSerializer.Serialize(new { name = "u.txt", file = outside })));
        yield return ("uploads: name climbs out", Doc("uploads", "../u.txt", JsonSerializer.Serialize(new { name = "../u.txt", content = "x" })));
        yield return ("uploads: name climbs out from a sub-folder", Doc("uploads", "a/../../u.txt", JsonSerializer.Serialize(new { name = "a/../../u.txt", content = "x" })));
        yield return ("uploads: drive-letter name", Doc("uploads", "C:\\u.txt", JsonSerializer.Serialize(new { name = "C:\\u.txt", content = "x" })));

        yield return ("scripts: not JSON", Doc("scripts", "f", "not json"));
        yield return ("scripts: lone surrogate in the script", Doc("scripts", "f", "{\"id\":\"f\",\"script\":\"function f(){ return '\\ud800'; }\"}"));
        yield return ("scripts: lone surrogate in the id", Doc("scripts", "f", "{\"id\":\"\\ud800\",\"script\":\"function f(){}\"}"));
        yield return ("scripts: empty object", Doc("scripts", "f", "{}"));
        yield return ("scripts: id differs from key", Doc("scripts", "f", JsonSerializer.Serialize(new { id = "g", script = "function g(){}" })));
        yield return ("scripts: no script", Doc("scripts", "f", JsonSerializer.Serialize(new { id = "f" })));
        yield return ("scripts: script is a number", Doc("scripts", "f", "{\"id\":\"f\",\"script\":5}"));
        yield return ("scripts: syntax error", Doc("scripts", "f", JsonSerializer.Serialize(new { id = "f", script = "function f( {" })));
        yield return ("scripts: deeply nested script", Doc("scripts", "f", JsonSerializer.Serialize(new { id = "f", script = "function f(){ return " + Nested(20000, "(", ")") + "; }" })));
        yield return ("scripts: huge script that does not parse", Doc("scripts", "f", JsonSerializer.Serialize(new { id = "f", script = "function f(){" + huge })));
        yield return ("scripts: no function of the id", Doc("scripts", "f", JsonSerializer.Serialize(new { id = "f", script = "var x = 1;" })));
    }

    private static IEnumerable<BadInput> BadFiles(string outsideFile, string invalidUtf8File, string directory)
    {
        BadInput File(string name, string uri) => new($"file: {name}", "/data/import", Json(new { file = uri }));
        yield return File("outside the roots", new Uri(outsideFile).AbsoluteUri);
        yield return File("not UTF-8", new Uri(invalidUtf8File).AbsoluteUri);
        yield return File("a directory", new Uri(directory).AbsoluteUri);
        yield return File("missing", "file:///tmp/ekuiper-missing-" + Guid.NewGuid() + ".json");
        yield return File("relative", "ruleset.json");
        yield return File("unsupported scheme", "ftp://127.0.0.1/ruleset.json");
        yield return File("refused connection", "http://127.0.0.1:9/ruleset.json");
        yield return File("not a URI", "::::");
        yield return File("system file", "file:///etc/passwd");
    }

    private static IEnumerable<BadInput> BadQueriesAndHeaders(string validDocument)
    {
        var body = Json(new { content = validDocument });
        yield return new BadInput("dryRun=2", "/data/import?dryRun=2", body);
        yield return new BadInput("dryRun=yes on async", "/async/data/import?dryRun=yes", body);
        yield return new BadInput("unquoted If-Match", "/data/import", body, "7");
        yield return new BadInput("garbage If-Match", "/data/import", body, "\"unterminated");
        yield return new BadInput("stale If-Match", "/data/import", body, "\"999999\"");
        yield return new BadInput("weak If-Match", "/data/import", body, "W/\"1\"");
        yield return new BadInput("stale If-Match on async", "/async/data/import", body, "\"999999\"");
        yield return new BadInput("restore of an unknown backup", "/data/backups/nope/restore", []);
    }
}
