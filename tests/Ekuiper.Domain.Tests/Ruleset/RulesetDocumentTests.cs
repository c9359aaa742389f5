using System.Text;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Domain.Tests.Ruleset;

public sealed class RulesetDocumentTests
{
    [Test]
    public void Reads_every_section_by_its_wire_name()
    {
        const string text = """
            {"streams":{"s":"1"},"tables":{"t":"2"},"rules":{"r":"3"},"nativePlugins":{"n":"4"},"portablePlugins":{"p":"5"},
             "sourceConfig":{"so":"6"},"sinkConfig":{"si":"7"},"connectionConfig":{"c":"8"},"Service":{"sv":"9"},
             "Schema":{"sc":"10"},"uploads":{"u":"11"},"scripts":{"js":"12"}}
            """;

        Assert.That(RulesetDocument.TryParse(text, out var ruleset, out var error), Is.True, error);

        Assert.That(ruleset.Count, Is.EqualTo(12));
        Assert.That(ruleset[RulesetSection.Service]["sv"], Is.EqualTo("9"));
        Assert.That(ruleset[RulesetSection.Scripts]["js"], Is.EqualTo("12"));
    }

    [Test]
    public void Section_names_match_case_insensitively_as_Go_does_and_unknown_fields_are_ignored()
    {
        Assert.That(RulesetDocument.TryParse("""{"STREAMS":{"s":"x"},"service":{"a":"b"},"extra":[1,2]}""", out var ruleset, out _), Is.True);

        Assert.That(ruleset[RulesetSection.Streams]["s"], Is.EqualTo("x"));
        Assert.That(ruleset[RulesetSection.Service]["a"], Is.EqualTo("b"));
    }

    [Test]
    public void Null_sections_are_empty()
    {
        Assert.That(RulesetDocument.TryParse("""{"streams":null,"rules":{}}""", out var ruleset, out _), Is.True);
        Assert.That(ruleset.IsEmpty, Is.True);
    }

    [TestCase("", TestName = "empty text")]
    [TestCase("{", TestName = "truncated object")]
    [TestCase("[]", TestName = "array document")]
    [TestCase("\"text\"", TestName = "string document")]
    [TestCase("""{"streams":[]}""", TestName = "section is an array")]
    [TestCase("""{"rules":"x"}""", TestName = "section is a string")]
    [TestCase("""{"streams":{"a":1}}""", TestName = "value is a number")]
    [TestCase("""{"streams":{"a":{"b":"c"}}}""", TestName = "value is an object")]
    [TestCase("""{"streams":{"a":"b",}}""", TestName = "trailing comma")]
    public void Malformed_documents_are_refused_with_a_reason(string text)
    {
        Assert.That(RulesetDocument.TryParse(text, out _, out var error), Is.False);
        Assert.That(error, Is.Not.Empty);
    }

    [TestCase("""{"rules":{"r1":true}}""", "json: cannot unmarshal bool into Go struct field Configuration.rules of type string")]
    [TestCase("""{"streams":[]}""", "json: cannot unmarshal array into Go struct field Configuration.streams of type map[string]string")]
    [TestCase("""{"Schema":{"a":"x"},"uploads":7}""", "json: cannot unmarshal number into Go struct field Configuration.uploads of type map[string]string")]
    [TestCase("[]", "json: cannot unmarshal array into Go value of type server.Configuration")]
    [TestCase("\"text\"", "json: cannot unmarshal string into Go value of type server.Configuration")]
    [TestCase("", "unexpected end of JSON input")]
    [TestCase("""{"streams": {"demo": "CREATE""", "unexpected end of JSON input")]
    [TestCase("""{"streams":{"a":"b",}}""", "invalid character '}' looking for beginning of object key string")]
    [TestCase("""{"rules":[1]} x""", "invalid character 'x' after top-level value")]
    public void Refusals_are_worded_as_Go_unmarshals_into_eKuipers_struct(string text, string expected)
    {
        Assert.That(RulesetDocument.TryParse(text, out _, out var error), Is.False);
        Assert.That(error, Is.EqualTo(expected));
    }

    [Test]
    public void Null_documents_and_values_are_refused_null_sections_read_as_absent()
    {
        Assert.That(RulesetDocument.TryParse("null", out _, out var error), Is.False);
        Assert.That(error, Is.EqualTo("the document is null, not an object with the ruleset sections"));
        Assert.That(RulesetDocument.TryParse("""{"rules":{"r1":null}}""", out _, out error), Is.False);
        Assert.That(error, Is.EqualTo("section rules: the value of r1 is null, not a string"));
        Assert.That(RulesetDocument.TryParse("""{"streams":null,"rules":{"r1":"x"}}""", out var ruleset, out _), Is.True);
        Assert.That(ruleset[RulesetSection.Rules]["r1"], Is.EqualTo("x"));
    }

    [Test]
    public void Writes_all_twelve_sections_in_order_with_sorted_keys()
    {
        var ruleset = new Domain.Ruleset.Ruleset();
        ruleset.Set(RulesetSection.Rules, "b", "2");
        ruleset.Set(RulesetSection.Rules, "a", "1");
        ruleset.Set(RulesetSection.Scripts, "ü", "<&>");

        var text = Encoding.UTF8.GetString(RulesetDocument.Write(ruleset));

        Assert.That(text, Is.EqualTo(
            """{"streams":{},"tables":{},"rules":{"a":"1","b":"2"},"nativePlugins":{},"portablePlugins":{},"sourceConfig":{},"sinkConfig":{},"connectionConfig":{},"Service":{},"Schema":{},"uploads":{},"scripts":{"ü":"<&>"}}"""));
    }

    [Test]
    public void Written_documents_read_back_to_the_same_map()
    {
        var ruleset = new Domain.Ruleset.Ruleset();
        ruleset.Set(RulesetSection.Tables, "T110", "\n CREATE TABLE T110\n (\n S1 string\n )\n WITH (DATASOURCE=\"test.json\");\n ");
        ruleset.Set(RulesetSection.SourceConfig, "mqtt", "{\"a\":{\"b\":1}}");

        Assert.That(RulesetDocument.TryParse(Encoding.UTF8.GetString(RulesetDocument.Write(ruleset)), out var again, out _), Is.True);

        Assert.That(again[RulesetSection.Tables]["T110"], Is.EqualTo(ruleset[RulesetSection.Tables]["T110"]));
        Assert.That(again[RulesetSection.SourceConfig]["mqtt"], Is.EqualTo("{\"a\":{\"b\":1}}"));
    }
}
