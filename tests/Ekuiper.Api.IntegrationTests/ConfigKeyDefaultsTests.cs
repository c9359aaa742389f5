namespace Ekuiper.Api.IntegrationTests;

/// <summary>The conf keys a fresh eKuiper has built in: shown beside the stored keys, never stored or exported.</summary>
public sealed class ConfigKeyDefaultsTests : ServerTest
{
    // eKuiper's own expectation (meta_init_test.go, TestResourceSourceType) for its etc/mqtt_source.yaml.
    private const string MqttDefault = """{"insecureSkipVerify":false,"protocolVersion":"3.1.1","qos":1,"server":"tcp://127.0.0.1:1883"}""";

    private Task<HttpResponseMessage> PutAsync(string path, string body) => Client.SendTextAsync(HttpMethod.Put, path, body);

    [Test]
    public async Task A_fresh_store_answers_the_built_in_mqtt_source_keys_and_exports_none()
    {
        var (status, text) = await Client.GetAsync("/metadata/sources/yaml/mqtt").ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((200, "{\"default\":" + MqttDefault + "}")));
        Assert.That((await Client.ExportSectionsAsync())["sourceConfig"], Is.Empty);
    }

    [TestCase("/metadata/sources/yaml/httppush", """{"default":{"method":"POST"}}""")]
    [TestCase("/metadata/sources/yaml/memory", "{}")]
    [TestCase("/metadata/sinks/yaml/mqtt", "{}")]
    [TestCase("/metadata/sinks/yaml/rest", "{}")]
    [TestCase("/metadata/connections/yaml/mqtt", "{}")]
    [TestCase("/metadata/sources/mqtt/confKeys/default", MqttDefault)]
    public async Task A_type_eKuiper_ships_answers_its_built_in_keys(string path, string expected)
    {
        var (status, text) = await Client.GetAsync(path).ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((200, expected)));
    }

    [Test]
    public async Task Durations_of_the_built_in_keys_read_as_eKuiper_answers_them()
    {
        var (_, yaml) = await Client.GetAsync("/metadata/sources/yaml/httppull").ReadAsync();

        Assert.That(yaml.GetProperty("default").GetProperty("interval").GetString(), Is.EqualTo("10s"));
        Assert.That(yaml.GetProperty("token_conf").GetProperty("timeout").GetString(), Is.EqualTo("5s"));
    }

    [Test]
    public async Task A_stored_key_is_listed_beside_the_built_in_one_and_only_it_is_exported()
    {
        // The PUT of eKuiper's TestResourceSourceType, and the listing it then expects.
        await PutAsync("/metadata/sources/mqtt/confKeys/demo", """{"qos": 0, "server": "tcp://10.211.55.6:1883"}""");

        var (_, text) = await Client.GetAsync("/metadata/sources/yaml/mqtt").ReadTextAsync();

        Assert.That(text, Is.EqualTo("{\"default\":" + MqttDefault + ",\"demo\":{\"qos\":0,\"server\":\"tcp://10.211.55.6:1883\"}}"));
        Assert.That((await Client.ExportSectionsAsync())["sourceConfig"]["mqtt"], Is.EqualTo("""{"demo":{"qos":0,"server":"tcp://10.211.55.6:1883"}}"""));
    }

    [Test]
    public async Task A_stored_key_named_like_a_built_in_one_overrides_the_properties_it_names()
    {
        await PutAsync("/metadata/sources/mqtt/confKeys/default", """{"qos":0,"username":"u"}""");

        var (_, merged) = await Client.GetAsync("/metadata/sources/mqtt/confKeys/default").ReadTextAsync();
        var exported = (await Client.ExportSectionsAsync())["sourceConfig"]["mqtt"];
        var (deleteStatus, _) = await Client.DeleteAsync("/metadata/sources/mqtt/confKeys/default").ReadTextAsync();
        var (_, afterDelete) = await Client.GetAsync("/metadata/sources/yaml/mqtt").ReadTextAsync();

        Assert.That(merged, Is.EqualTo("""{"insecureSkipVerify":false,"protocolVersion":"3.1.1","qos":0,"server":"tcp://127.0.0.1:1883","username":"u"}"""));
        Assert.That(exported, Is.EqualTo("""{"default":{"qos":0,"username":"u"}}"""));
        Assert.That(deleteStatus, Is.EqualTo(200));
        Assert.That(afterDelete, Is.EqualTo("{\"default\":" + MqttDefault + "}"));
    }

    [Test]
    public async Task Export_and_import_of_conf_keys_round_trip_without_the_built_in_keys()
    {
        const string document = """{"sourceConfig":{"mqtt":"{\"demo\":{\"qos\":0}}"},"sinkConfig":{"mqtt":"{\"s\":{\"qos\":2}}"}}""";
        Assert.That((await Client.ImportContentAsync(document).ReadTextAsync()).Status, Is.EqualTo(200));

        var first = await Client.ExportAsync();
        Assert.That((await Client.ImportContentAsync(first).ReadTextAsync()).Status, Is.EqualTo(200));
        var second = await Client.ExportSectionsAsync();

        Assert.That(await Client.ExportAsync(), Is.EqualTo(first));
        Assert.That(second["sourceConfig"]["mqtt"], Is.EqualTo("""{"demo":{"qos":0}}"""));
        Assert.That(second["sinkConfig"]["mqtt"], Is.EqualTo("""{"s":{"qos":2}}"""));
    }

    [Test]
    public async Task A_full_import_without_conf_keys_leaves_only_the_built_in_keys()
    {
        await PutAsync("/metadata/sources/mqtt/confKeys/demo", """{"qos":0}""");

        Assert.That((await Client.ImportContentAsync("{}").ReadTextAsync()).Status, Is.EqualTo(200));

        var (_, text) = await Client.GetAsync("/metadata/sources/yaml/mqtt").ReadTextAsync();
        Assert.That(text, Is.EqualTo("{\"default\":" + MqttDefault + "}"));
        Assert.That((await Client.ExportSectionsAsync())["sourceConfig"], Is.Empty);
    }
}
