using Ekuiper.Application.Rules;

namespace Ekuiper.Application.Tests.Rules;

/// <summary>What Go's json.Unmarshal into a map and json.Marshal make of a rule (eKuiper does this on start and stop).</summary>
public sealed class GoJsonRemarshalTests
{
    [Test]
    public void Keys_are_sorted_at_every_depth_and_white_space_goes() =>
        Assert.That(GoJsonRemarshal.Rewrite("""{"sql": "SELECT * FROM s", "id": "r", "actions": [{"mqtt": {"topic": "t", "qos": 1}}]}""", _ => { }),
            Is.EqualTo("""{"actions":[{"mqtt":{"qos":1,"topic":"t"}}],"id":"r","sql":"SELECT * FROM s"}"""));

    [Test]
    public void An_edit_is_written_in_its_place_in_the_order() =>
        Assert.That(GoJsonRemarshal.Rewrite("""{"triggered":true,"id":"r","zeta":null}""", map => map["triggered"] = false),
            Is.EqualTo("""{"id":"r","triggered":false,"zeta":null}"""));

    [Test]
    public void A_repeated_key_keeps_its_last_value() =>
        Assert.That(GoJsonRemarshal.Rewrite("""{"a":1,"a":2}""", _ => { }), Is.EqualTo("""{"a":2}"""));

    [TestCase("1.50", "1.5")]
    [TestCase("100", "100")]
    [TestCase("-0.0", "-0")]
    [TestCase("1e2", "100")]
    [TestCase("123456789012345678", "123456789012345680")]
    [TestCase("1e20", "100000000000000000000")]
    [TestCase("1e21", "1e+21")]
    [TestCase("1.5e-7", "1.5e-7")]
    [TestCase("0.000001", "0.000001")]
    [TestCase("1e-10", "1e-10")]
    [TestCase("-2.5E+300", "-2.5e+300")]
    [TestCase("0.1", "0.1")]
    public void Numbers_are_written_as_Go_writes_a_float64(string literal, string expected) =>
        Assert.That(GoJsonRemarshal.Rewrite($$"""{"n":{{literal}}}""", _ => { }), Is.EqualTo($$"""{"n":{{expected}}}"""));

    [Test]
    public void Strings_are_escaped_as_Go_escapes_them() =>
        Assert.That(GoJsonRemarshal.Rewrite("{\"s\":\"a > b && c < d \\u2028 é \\u0001 \\t \\b \\\" \\\\ /\"}", _ => { }),
            Is.EqualTo("{\"s\":\"a \\u003e b \\u0026\\u0026 c \\u003c d \\u2028 é \\u0001 \\t \\b \\\" \\\\ /\"}"));

    [Test]
    public void Keys_sort_by_their_UTF8_bytes()
    {
        // U+FF5E sorts before U+1F600 in UTF-16 code units' order the other way round; Go compares bytes.
        var json = "{\"\U0001F600\":1,\"\uFF5E\":2,\"b\":3,\"B\":4}";
        Assert.That(GoJsonRemarshal.Rewrite(json, _ => { }), Is.EqualTo("{\"B\":4,\"b\":3,\"\uFF5E\":2,\"\U0001F600\":1}"));
    }

    [TestCase("[1,2]")]
    [TestCase("not json")]
    [TestCase("""{"n":1e400}""")]
    public void What_Go_could_not_read_into_a_map_is_null(string json) =>
        Assert.That(GoJsonRemarshal.Rewrite(json, _ => { }), Is.Null);
}
