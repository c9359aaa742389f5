using System.Text.Json;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset.Validation;

namespace Ekuiper.Domain.Tests.Definitions;

public sealed class RuleListingTests
{
    [TestCase("""{"id":"r","name":"Hot"}""", "Hot")]
    [TestCase("""{"id":"r","name":""}""", null)]
    [TestCase("""{"id":"r"}""", null)]
    [TestCase("""{"id":"r","name":5}""", null)]
    [TestCase("""{"id":"r","name":"first","name":"last"}""", "last")]
    [TestCase("not json", null)]
    [TestCase("""["a"]""", null)]
    public void The_listed_name_is_a_non_empty_name_string(string json, string? expected) =>
        Assert.That(RuleListing.Of(json).Name, Is.EqualTo(expected));

    [TestCase("""{"id":"r","tags":["a",1,"b"]}""", """["a","b"]""")]
    [TestCase("""{"id":"r","tags":[]}""", "[]")]
    [TestCase("""{"id":"r","tags":[1]}""", "[]")]
    [TestCase("""{"id":"r","tags":"a"}""", null)]
    [TestCase("""{"id":"r"}""", null)]
    [TestCase("""{"id":"r","tags":["x"],"tags":["y"]}""", """["y"]""")]
    public void The_listed_tags_are_the_strings_of_the_tags_array(string json, string? expected) =>
        Assert.That(RuleListing.Of(json).TagsJson, Is.EqualTo(expected));

    [Test]
    public void Tags_are_escaped_as_the_stores_json_functions_escape_them_and_read_back_unchanged()
    {
        string[] tags = ["plain", "quote \" and \\ backslash", "\b\t\n\f\r\u0001\u001f", "Température °C", "emoji 😀", "/ < > &", "\u2028"];

        var written = RuleListing.WriteTags(tags);

        Assert.That(written, Is.EqualTo("[\"plain\",\"quote \\\" and \\\\ backslash\",\"\\b\\t\\n\\f\\r\\u0001\\u001f\",\"Température °C\",\"emoji 😀\",\"/ < > &\",\"\u2028\"]"));
        Assert.That(RuleListing.Tags(written), Is.EqualTo(tags));
        Assert.That(RuleListing.Tags(null), Is.Null);
    }

    [Test]
    public void Setting_a_rules_json_sets_its_listed_name_and_tags()
    {
        var rule = new RuleDefinition { Id = "r", Json = """{"id":"r","name":"one","tags":["a"]}""" };
        Assert.That((rule.Name, rule.TagsJson), Is.EqualTo(("one", """["a"]""")));

        rule.Json = """{"id":"r"}""";

        Assert.That((rule.Name, rule.TagsJson), Is.EqualTo(((string?)null, (string?)null)));
    }

    [Test]
    public void A_checked_rule_lists_as_its_json_says_without_a_second_parse()
    {
        const string json = """{"id":"r","name":"Hot","tags":["a","b"],"sql":"SELECT * FROM s","actions":[{"log":{}}]}""";

        var result = RuleEntryValidator.Validate("r", json);
        Assert.That(result.IsValid, Is.True, result.Error);
        var rule = result.Value!;

        Assert.That((rule.Json, rule.Name, rule.TagsJson), Is.EqualTo((json, "Hot", """["a","b"]""")));
        Assert.That((rule.Name, rule.TagsJson), Is.EqualTo(RuleListing.Of(json)));
        using var document = JsonDocument.Parse(json);
        Assert.That(RuleListing.Of(document.RootElement), Is.EqualTo(RuleListing.Of(json)));
    }
}
