using Ekuiper.Application.Rules;

namespace Ekuiper.Application.Tests.Rules;

public sealed class RuleJsonTests
{
    [Test]
    public void Setting_triggered_keeps_the_other_fields_in_their_order_and_appends_the_flag() =>
        Assert.That(RuleJson.WithTriggered("""{"id": "r", "sql": "SELECT 1.50 FROM s", "actions": [{"log": {}}]}""", false),
            Is.EqualTo("""{"id":"r","sql":"SELECT 1.50 FROM s","actions":[{"log":{}}],"triggered":false}"""));

    [Test]
    public void Setting_triggered_replaces_it_where_it_stands() =>
        Assert.That(RuleJson.WithTriggered("""{"id":"r","triggered":false,"sql":"SELECT * FROM s"}""", true),
            Is.EqualTo("""{"id":"r","triggered":true,"sql":"SELECT * FROM s"}"""));

    [Test]
    public void Setting_triggered_leaves_one_flag_when_the_rule_had_it_twice() =>
        Assert.That(RuleJson.WithTriggered("""{"triggered":true,"id":"r","triggered":true}""", false),
            Is.EqualTo("""{"triggered":false,"id":"r"}"""));

    [Test]
    public void Non_ascii_text_is_kept_readable() =>
        Assert.That(RuleJson.WithTriggered("""{"id":"r","name":"Température > 30 °C"}""", false),
            Is.EqualTo("""{"id":"r","name":"Température > 30 °C","triggered":false}"""));

    [TestCase("""{"id":"r","name":"Hot"}""", "Hot")]
    [TestCase("""{"id":"r","name":""}""", "r")]
    [TestCase("""{"id":"r"}""", "r")]
    [TestCase("""{"id":"r","name":5}""", "r")]
    [TestCase("not json", "r")]
    public void The_display_name_is_the_name_or_else_the_id(string json, string expected) =>
        Assert.That(RuleJson.NameAndTags(json, "r").Name, Is.EqualTo(expected));

    [Test]
    public void One_parse_gives_the_name_and_the_tags() =>
        Assert.That(RuleJson.NameAndTags("""{"id":"r","name":"Hot","tags":["a",1,"b"]}""", "r"),
            Is.EqualTo(("Hot", (IReadOnlyList<string>?)new List<string> { "a", "b" })).Using<(string, IReadOnlyList<string>?)>(
                (x, y) => x.Item1 == y.Item1 && x.Item2!.SequenceEqual(y.Item2!)));

    [Test]
    public void Tags_are_read_and_absent_tags_are_null()
    {
        Assert.That(RuleJson.ReadTags("""{"tags":["a","b"]}"""), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(RuleJson.ReadTags("""{"id":"r"}"""), Is.Null);
        Assert.That(RuleJson.ReadTags("not json"), Is.Null);
    }
}
