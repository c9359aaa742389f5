using System.Text.Json;

namespace Ekuiper.Api.IntegrationTests;

public sealed class ConfigKeyEndpointsTests : ServerTest
{
    private const string Td = """{"server":"tcp://a:1883","password":"secret","qos":1,"auth":{"Token":"t0k","user":"u"}}""";

    private Task<HttpResponseMessage> PutAsync(string path, string body) => Client.SendTextAsync(HttpMethod.Put, path, body);

    [TestCase("sources")]
    [TestCase("sinks")]
    [TestCase("connections")]
    public async Task Put_then_get_shows_the_key_as_stored_secrets_included_names_sorted(string category)
    {
        var (putStatus, putText) = await PutAsync($"/metadata/{category}/influx/confKeys/td", Td).ReadTextAsync();
        var (status, text) = await Client.GetAsync($"/metadata/{category}/influx/confKeys/td").ReadTextAsync();

        Assert.That((putStatus, putText), Is.EqualTo((200, "")));
        Assert.That(status, Is.EqualTo(200));
        Assert.That(text, Is.EqualTo("""{"auth":{"Token":"t0k","user":"u"},"password":"secret","qos":1,"server":"tcp://a:1883"}"""));
    }

    [Test]
    public async Task The_store_and_the_export_keep_the_key_as_sent()
    {
        await PutAsync("/metadata/sources/mqtt/confKeys/td", Td);

        var exported = (await Client.ExportSectionsAsync())["sourceConfig"]["mqtt"];

        Assert.That(exported, Is.EqualTo("{\"td\":" + Td + "}"));
    }

    [Test]
    public async Task Yaml_lists_every_key_of_the_type_sorted_with_secrets_as_stored()
    {
        await PutAsync("/metadata/sinks/mqtt/confKeys/zeta", """{"server":"z"}""");
        await PutAsync("/metadata/sinks/mqtt/confKeys/alpha", """{"server":"a","password":"p"}""");
        await PutAsync("/metadata/sinks/influx/confKeys/other", """{"server":"o"}""");

        var (status, text) = await Client.GetAsync("/metadata/sinks/yaml/mqtt").ReadTextAsync();

        Assert.That(status, Is.EqualTo(200));
        Assert.That(text, Is.EqualTo("""{"alpha":{"password":"p","server":"a"},"zeta":{"server":"z"}}"""));
    }

    /// <summary>eKuiper's own test (meta_init_test.go, TestNotHiddenPassword): nothing is hidden.</summary>
    [Test]
    public async Task Passwords_tokens_and_urls_with_credentials_are_answered_in_clear()
    {
        await PutAsync("/metadata/connections/test/confKeys/test",
            """{"password": "123456","token":"123456","url": "sqlserver://username:password123456@140.210.204.147/testdb"}""");

        var (status, text) = await Client.GetAsync("/metadata/connections/yaml/test").ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((200,
            """{"test":{"password":"123456","token":"123456","url":"sqlserver://username:password123456@140.210.204.147/testdb"}}""")));
    }

    [Test]
    public async Task Imported_keys_are_answered_and_exported_as_imported()
    {
        await Client.ImportContentAsync(EkuiperClient.SeedExample);

        var (_, yaml) = await Client.GetAsync("/metadata/sources/yaml/mqtt").ReadAsync();
        var exported = JsonDocument.Parse((await Client.ExportSectionsAsync())["sourceConfig"]["mqtt"]).RootElement;

        Assert.That(yaml.GetProperty("td").GetProperty("password").GetString(), Is.EqualTo("public"));
        Assert.That(yaml.GetProperty("td").GetProperty("username").GetString(), Is.EqualTo("admin"));
        Assert.That(exported.GetProperty("td").GetProperty("password").GetString(), Is.EqualTo("public"));
    }

    [Test]
    public async Task A_password_sent_as_six_stars_is_stored_as_six_stars()
    {
        await PutAsync("/metadata/sources/mqtt/confKeys/td", Td);

        var (status, _) = await PutAsync("/metadata/sources/mqtt/confKeys/td",
            """{"server":"tcp://b:1883","password":"******","qos":2}""").ReadTextAsync();

        Assert.That(status, Is.EqualTo(200));
        Assert.That((await Client.ExportSectionsAsync())["sourceConfig"]["mqtt"],
            Is.EqualTo("""{"td":{"server":"tcp://b:1883","password":"******","qos":2}}"""));
    }

    [Test]
    public async Task A_new_password_replaces_the_stored_one()
    {
        await PutAsync("/metadata/sources/mqtt/confKeys/td", Td);

        await PutAsync("/metadata/sources/mqtt/confKeys/td", """{"server":"tcp://a:1883","password":"changed"}""");

        Assert.That((await Client.ExportSectionsAsync())["sourceConfig"]["mqtt"],
            Is.EqualTo("""{"td":{"server":"tcp://a:1883","password":"changed"}}"""));
    }

    [Test]
    public async Task Put_replaces_only_its_key()
    {
        await Client.ImportContentAsync(EkuiperClient.SeedExample);

        await PutAsync("/metadata/sources/mqtt/confKeys/td", """{"server":"tcp://new:1883"}""");

        var exported = JsonDocument.Parse((await Client.ExportSectionsAsync())["sourceConfig"]["mqtt"]).RootElement;
        Assert.That(exported.GetProperty("td").GetRawText(), Is.EqualTo("""{"server":"tcp://new:1883"}"""));
        Assert.That(exported.GetProperty("test").GetProperty("password").GetString(), Is.EqualTo("public"));
    }

    [TestCase("not json", "Type conversion failed:mqtt.invalid character 'o' in literal null (expecting 'u')")]
    [TestCase("", "Type conversion failed:mqtt.unexpected end of JSON input")]
    [TestCase("[1]", "Type conversion failed:mqtt.json: cannot unmarshal array into Go value of type map[string]interface {}")]
    [TestCase("\"text\"", "Type conversion failed:mqtt.json: cannot unmarshal string into Go value of type map[string]interface {}")]
    public async Task Put_of_a_body_that_is_not_an_object_is_refused_and_changes_nothing(string body, string messageStart)
    {
        await PutAsync("/metadata/sources/mqtt/confKeys/td", Td);

        var (status, answer) = await PutAsync("/metadata/sources/mqtt/confKeys/td", body).ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        Assert.That(answer.GetProperty("message").GetString(), Does.StartWith(messageStart));
        Assert.That((await Client.ExportSectionsAsync())["sourceConfig"]["mqtt"], Is.EqualTo("{\"td\":" + Td + "}"));
    }

    [Test]
    public async Task A_key_name_eKuiper_does_not_allow_is_refused()
    {
        (await PutAsync("/metadata/sources/mqtt/confKeys/a.b", "{}").ReadAsync())
            .AssertError(400, "Invalid confKey: id 'a.b' contains invalid characters: only alphanumeric, hyphens and underscores are allowed");
    }

    [Test]
    public async Task Delete_removes_the_key_and_unknown_keys_and_types_are_404()
    {
        await PutAsync("/metadata/connections/influx/confKeys/td", Td);

        var (status, text) = await Client.DeleteAsync("/metadata/connections/influx/confKeys/td").ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((200, "")));
        (await Client.GetAsync("/metadata/connections/influx/confKeys/td").ReadAsync())
            .AssertError(404, "conf key td not found in connections.influx");
        (await Client.DeleteAsync("/metadata/connections/influx/confKeys/td").ReadAsync())
            .AssertError(404, "conf key td not found in connections.influx");
        (await Client.GetAsync("/metadata/connections/yaml/influx").ReadAsync())
            .AssertError(404, "no conf keys found for connections.influx");
        Assert.That((await Client.ExportSectionsAsync())["connectionConfig"], Is.Empty);
    }

    [Test]
    public async Task An_unknown_category_is_not_routed()
    {
        var (status, body) = await Client.GetAsync("/metadata/widgets/yaml/mqtt").ReadAsync();

        Assert.That(status, Is.EqualTo(404));
        Assert.That(body.GetProperty("error").GetInt32(), Is.EqualTo(1002));
    }
}
