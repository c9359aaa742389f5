using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Domain.Tests.Ruleset;

/// <summary>Go's type errors for a body decoded into a struct or a map, as eKuiper's handlers report them.</summary>
public sealed class GoJsonTypeTests
{
    private static readonly GoJsonType Script = GoJsonType.Struct("js.Script",
        ("id", "string"), ("description", "string"), ("script", "string"), ("isAgg", "bool"));

    [TestCase("""{"id":"f","isAgg":true}""", null)]
    [TestCase("""{"id":null,"isAgg":null,"other":[1]}""", null)]
    [TestCase("null", null)]
    [TestCase("""{"id":1}""", "json: cannot unmarshal number into Go struct field Script.id of type string")]
    [TestCase("""{"Id":true}""", "json: cannot unmarshal bool into Go struct field Script.id of type string")]
    [TestCase("""{"isagg":"yes","id":1}""", "json: cannot unmarshal string into Go struct field Script.isAgg of type bool")]
    [TestCase("""{"isAgg":0}""", "json: cannot unmarshal number into Go struct field Script.isAgg of type bool")]
    [TestCase("""["id"]""", "json: cannot unmarshal array into Go value of type js.Script")]
    [TestCase("""{"id":1,""", "unexpected EOF")]
    [TestCase("""{"id":1} x""", "json: cannot unmarshal number into Go struct field Script.id of type string")]
    [TestCase("""{"id":"a"} x""", null)]
    [TestCase("", "EOF")]
    public void Decode_says_what_Gos_decoder_says(string text, string? message)
    {
        Assert.That(Script.DecodeError(text), Is.EqualTo(message));
    }

    private static readonly GoJsonType FuncPlugin = GoJsonType.Struct("plugin.FuncPlugin",
        ("name", "string"), ("functions", GoJsonType.StringList));

    [TestCase("""{"name":"echo","functions":["a",null]}""", null)]
    [TestCase("""{"functions":null}""", null)]
    [TestCase("""{"functions":"a"}""", "json: cannot unmarshal string into Go struct field FuncPlugin.functions of type []string")]
    [TestCase("""{"Functions":{}}""", "json: cannot unmarshal object into Go struct field FuncPlugin.functions of type []string")]
    [TestCase("""{"functions":["a",1]}""", "json: cannot unmarshal number into Go struct field FuncPlugin.functions of type string")]
    public void A_list_of_strings_is_checked_as_Go_checks_a_string_slice(string text, string? message)
    {
        Assert.That(FuncPlugin.DecodeError(text), Is.EqualTo(message));
    }

    [TestCase("{}", null)]
    [TestCase("null", null)]
    [TestCase("""{"a":[1,{"b":2}]}""", null)]
    [TestCase("\"a\"", "json: cannot unmarshal string into Go value of type map[string]interface {}")]
    [TestCase("true", "json: cannot unmarshal bool into Go value of type map[string]interface {}")]
    [TestCase("{} {}", "invalid character '{' after top-level value")]
    [TestCase("", "unexpected end of JSON input")]
    public void Unmarshal_into_a_map_says_what_Go_says(string text, string? message)
    {
        Assert.That(GoJsonType.StringMap.UnmarshalError(text), Is.EqualTo(message));
    }

    [Test]
    public void Decode_gives_the_first_value_as_Gos_decoder_reads_it()
    {
        Assert.That(GoJsonSyntax.Decode(" \n{\"a\": [1, 2]}  tail", out var first), Is.Null);
        Assert.That(first, Is.EqualTo("{\"a\": [1, 2]}"));
        Assert.That(GoJsonSyntax.Decode("{\"a\":", out first), Is.EqualTo("unexpected EOF"));
        Assert.That(first, Is.Empty);
    }

    [Test]
    public void Only_string_bool_int_and_map_fields_are_described()
    {
        Assert.Throws<ArgumentException>(() => GoJsonType.Struct("x.Y", ("n", "float64")));
    }

    [TestCase("""{"n":1.5}""", "json: cannot unmarshal number 1.5 into Go struct field Y.n of type int")]
    [TestCase("""{"n":"1"}""", "json: cannot unmarshal string into Go struct field Y.n of type int")]
    [TestCase("""{"m":[]}""", "json: cannot unmarshal array into Go struct field Y.m of type map[string]interface {}")]
    [TestCase("""{"N":7,"m":null}""", null)]
    public void Int_and_map_fields_are_checked_as_Go_checks_them(string body, string? expected) =>
        Assert.That(GoJsonType.Struct("x.Y", ("n", "int"), ("m", GoJsonType.MapType)).DecodeError(body), Is.EqualTo(expected));
}
