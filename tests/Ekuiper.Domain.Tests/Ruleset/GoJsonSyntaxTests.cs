using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Domain.Tests.Ruleset;

/// <summary>The texts of Go's encoding/json for bodies that are not JSON, as a Go client of eKuiper sees them.</summary>
public sealed class GoJsonSyntaxTests
{
    [TestCase("", "unexpected end of JSON input")]
    [TestCase("   ", "unexpected end of JSON input")]
    [TestCase("{\"a\":", "unexpected end of JSON input")]
    [TestCase("[1,", "unexpected end of JSON input")]
    [TestCase("x", "invalid character 'x' looking for beginning of value")]
    [TestCase("{\"a\":1} x", "invalid character 'x' after top-level value")]
    [TestCase("01", "invalid character '1' after top-level value")]
    [TestCase("[1 2]", "invalid character '2' after array element")]
    [TestCase("{,}", "invalid character ',' looking for beginning of object key string")]
    [TestCase("{\"a\":1,}", "invalid character '}' looking for beginning of object key string")]
    [TestCase("{'a':1}", "invalid character '\\'' looking for beginning of object key string")]
    [TestCase("\"a\nb\"", "invalid character '\\n' in string literal")]
    [TestCase("\"\\u12x4\"", "invalid character 'x' in \\u hexadecimal character escape")]
    [TestCase("1.x", "invalid character 'x' after decimal point in numeric literal")]
    [TestCase("1ex", "invalid character 'x' in exponent of numeric literal")]
    [TestCase("fals", "unexpected end of JSON input")]
    [TestCase("nul1", "invalid character '1' in literal null (expecting 'l')")]
    [TestCase("\u00e9", "invalid character '\u00c3' looking for beginning of value")]
    public void Unmarshal_says_what_Go_says(string text, string message)
    {
        Assert.That(GoJsonSyntax.Unmarshal(text), Is.EqualTo(message));
    }

    [TestCase("", "EOF")]
    [TestCase(" \n", "EOF")]
    [TestCase("{\"a\":", "unexpected EOF")]
    [TestCase("{\"a\":1} x", null)]
    [TestCase("x", "invalid character 'x' looking for beginning of value")]
    public void Decode_reads_only_the_first_value_as_Go_decoder_does(string text, string? message)
    {
        Assert.That(GoJsonSyntax.Decode(text), Is.EqualTo(message));
    }

    [TestCase("{\"a\":[1,2.5e-3,true,false,null,\"x\\\"\\u00e9\"]}")]
    [TestCase(" 0 ")]
    public void Valid_JSON_has_no_error(string text)
    {
        Assert.That(GoJsonSyntax.Unmarshal(text), Is.Null);
    }
}
