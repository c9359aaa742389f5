using System.Text.Json;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Domain.Tests.Ruleset;

public sealed class JsonTextTests
{
    [TestCase("{\"a\":\"\\ud800\"}")]
    [TestCase("{\"\\udc00\":1}")]
    [TestCase("[[{\"a\":[\"ok\",\"\\ud800x\"]}]]")]
    public void Untrusted_json_with_an_unpaired_surrogate_is_malformed_json(string text)
    {
        var error = Assert.Throws<JsonException>(() => JsonText.ParseUntrusted(text).Dispose())!;

        Assert.That(error.Message, Does.StartWith("the JSON text is not valid Unicode: "));
    }

    [Test]
    public void Untrusted_json_with_paired_surrogates_and_any_other_text_is_read()
    {
        using var document = JsonText.ParseUntrusted("{\"smile\":\"\\ud83d\\ude00\",\"plain\":[1,true,null,\"é\"]}");

        Assert.That(document.RootElement.GetProperty("smile").GetString(), Is.EqualTo("😀"));
    }

    [Test]
    public void A_document_with_an_unpaired_surrogate_does_not_parse()
    {
        var parsed = RulesetDocument.TryParse("{\"streams\":{\"a\":\"\\udc00\"}}", out _, out var error);

        Assert.That(parsed, Is.False);
        Assert.That(error, Does.StartWith("the JSON text is not valid Unicode"));
    }
}
