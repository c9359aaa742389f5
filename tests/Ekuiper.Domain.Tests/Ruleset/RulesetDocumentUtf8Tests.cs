using System.Text;
using System.Text.Json;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Domain.Tests.Ruleset;

/// <summary>A document read from UTF-8 keeps its values as the document's bytes and decodes them when they are read.</summary>
public sealed class RulesetDocumentUtf8Tests
{
    [TestCase("plain text")]
    [TestCase("""quote \" backslash \\ slash \/ newline \n tab \t""")]
    [TestCase(@"escaped \u00e9 and raw é")]
    [TestCase(@"a pair \ud83d\ude00 and a raw 😀")]
    [TestCase("")]
    public void Values_read_back_exactly_as_a_JSON_parser_decodes_them(string jsonStringContent)
    {
        var text = "{\"rules\":{\"r\":\"" + jsonStringContent + "\"},\"streams\":{\"s\":\"x\"}}";
        var expected = JsonDocument.Parse(text).RootElement.GetProperty("rules").GetProperty("r").GetString();

        Assert.That(RulesetDocument.TryParse(Encoding.UTF8.GetBytes(text), out var ruleset, out var error), Is.True, error);

        Assert.That(ruleset[RulesetSection.Rules]["r"], Is.EqualTo(expected));
        Assert.That(ruleset[RulesetSection.Rules].Single().Value, Is.EqualTo(expected), "enumerating gives the same text");
        Assert.That(ruleset[RulesetSection.Streams]["s"], Is.EqualTo("x"));
    }

    [TestCase("""{"rules":{"r":"broken \ud800 pair"}}""", TestName = "half a surrogate pair in a value")]
    [TestCase("""{"rules":{"r\udc00":"x"}}""", TestName = "half a surrogate pair in a key")]
    [TestCase("""{"other":{"x":["\ud800"]}}""", TestName = "half a surrogate pair in an unknown field")]
    [TestCase("""{"rules":{"a":1,"b":"\udc00"}}""", TestName = "half a surrogate pair after a wrongly typed value")]
    public void Text_that_makes_no_valid_Unicode_is_refused_not_thrown(string text)
    {
        Assert.That(RulesetDocument.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error), Is.False);
        Assert.That(error, Does.StartWith("the JSON text is not valid Unicode"));
    }

    [Test]
    public void Bytes_that_are_not_UTF8_are_refused()
    {
        byte[] text = [.. "{\"rules\":{\"r\":\""u8, 0xFF, 0xFE, .. "\"}}"u8];

        Assert.That(RulesetDocument.TryParse(text, out _, out var error), Is.False);
        Assert.That(error, Is.EqualTo("the document is not valid UTF-8 text"));
    }

    [Test]
    public void A_leading_byte_order_mark_is_skipped()
    {
        byte[] text = [0xEF, 0xBB, 0xBF, .. """{"rules":{"r":"x"}}"""u8];

        Assert.That(RulesetDocument.TryParse(text, out var ruleset, out var error), Is.True, error);
        Assert.That(ruleset[RulesetSection.Rules]["r"], Is.EqualTo("x"));
    }

    [TestCase("""{"rules":{}} {""", TestName = "text after the document")]
    [TestCase("""{"rules":{"r":1}, "x": }""", TestName = "a syntax error after a wrongly typed value")]
    [TestCase("""{"rules":[], "x": tru}""", TestName = "a syntax error after a wrongly typed section")]
    [TestCase("""[1, 2""", TestName = "a syntax error in a document that is not an object")]
    public void A_syntax_error_anywhere_is_reported_as_such(string text)
    {
        var expected = GoJsonSyntax.Unmarshal(text);
        Assert.That(expected, Is.Not.Null);

        Assert.That(RulesetDocument.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error), Is.False);
        Assert.That(error, Is.EqualTo(expected));
    }

    [Test]
    public void Duplicate_keys_and_sections_merge_with_the_last_value_winning()
    {
        const string text = """{"rules":{"a":"1","b":"2"},"RULES":{"a":"3"},"rules":{"b":"4","c":"5"}}""";

        Assert.That(RulesetDocument.TryParse(Encoding.UTF8.GetBytes(text), out var ruleset, out var error), Is.True, error);

        Assert.That(ruleset[RulesetSection.Rules], Is.EquivalentTo(new Dictionary<string, string> { ["a"] = "3", ["b"] = "4", ["c"] = "5" }));
    }

    [Test]
    public void A_report_copied_from_a_parsed_document_keeps_its_values()
    {
        RulesetDocument.TryParse(Encoding.UTF8.GetBytes("""{"streams":{"s":"bad \"statement\""}}"""), out var stored, out _);
        var report = new ImportReport();

        report.CopyFrom(stored);

        Assert.That(report[RulesetSection.Streams]["s"], Is.EqualTo("bad \"statement\""));
    }

    [Test]
    public void Writing_a_parsed_document_gives_it_back_unchanged()
    {
        const string text = """{"streams":{"a":"CREATE STREAM a () WITH (DATASOURCE=\"a\")"},"tables":{},"rules":{"r":"{\"id\":\"r\",\"sql\":\"SELECT 'é' FROM a\"}"},"nativePlugins":{},"portablePlugins":{},"sourceConfig":{},"sinkConfig":{},"connectionConfig":{},"Service":{},"Schema":{},"uploads":{},"scripts":{}}""";

        RulesetDocument.TryParse(Encoding.UTF8.GetBytes(text), out var ruleset, out _);

        Assert.That(Encoding.UTF8.GetString(RulesetDocument.Write(ruleset)), Is.EqualTo(text));
    }
}
