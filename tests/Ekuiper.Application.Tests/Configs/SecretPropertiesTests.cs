using System.Text.Json;
using Ekuiper.Application.Configs;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Application.Tests.Configs;

public sealed class SecretPropertiesTests
{
    private static string Hidden(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonText.Write(writer => SecretProperties.WriteHidden(writer, document.RootElement));
    }

    private static string Restored(string submitted, string? stored)
    {
        using var submittedDocument = JsonDocument.Parse(submitted);
        using var storedDocument = stored is null ? null : JsonDocument.Parse(stored);
        return SecretProperties.Restore(submittedDocument.RootElement, storedDocument?.RootElement);
    }

    [Test]
    public void Passwords_and_tokens_are_masked_at_any_depth_whatever_their_case() =>
        Assert.That(Hidden("""{"Password":"p","server":"s","auth":{"TOKEN":"t","user":"u"},"list":[{"password":1}],"passwordFile":"f"}"""),
            Is.EqualTo("""{"Password":"******","server":"s","auth":{"TOKEN":"******","user":"u"},"list":[{"password":"******"}],"passwordFile":"f"}"""));

    [Test]
    public void A_mask_sent_back_takes_the_stored_value_at_the_same_place() =>
        Assert.That(Restored("""{"password":"******","auth":{"token":"******"},"server":"new"}""",
                """{"password":"p","auth":{"token":7},"server":"old"}"""),
            Is.EqualTo("""{"password":"p","auth":{"token":7},"server":"new"}"""));

    [Test]
    public void A_mask_with_nothing_stored_behind_it_is_kept_as_sent()
    {
        Assert.That(Restored("""{"password":"******"}""", null), Is.EqualTo("""{"password":"******"}"""));
        Assert.That(Restored("""{"password":"******"}""", """{"server":"s"}"""), Is.EqualTo("""{"password":"******"}"""));
    }

    [Test]
    public void Only_secrets_are_restored_a_mask_in_another_field_is_data() =>
        Assert.That(Restored("""{"note":"******","password":"new"}""", """{"note":"old","password":"p"}"""),
            Is.EqualTo("""{"note":"******","password":"new"}"""));
}
