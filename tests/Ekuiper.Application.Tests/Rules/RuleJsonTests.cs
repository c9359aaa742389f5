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
}
