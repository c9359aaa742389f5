using Ekuiper.Application.Configs;
using Ekuiper.Domain.Definitions;

namespace Ekuiper.Application.Tests.Configs;

public sealed class ConfDefaultsTests
{
    [Test]
    public void The_embedded_files_hold_eKuipers_built_in_types_and_keys()
    {
        Assert.That(ConfDefaults.TryGet(ConfigCategory.Source, "mqtt", out var mqtt), Is.True);
        Assert.That(mqtt["default"].GetProperty("server").GetString(), Is.EqualTo("tcp://127.0.0.1:1883"));
        Assert.That(ConfDefaults.TryGet(ConfigCategory.Sink, "mqtt", out var sink), Is.True);
        Assert.That(sink, Is.Empty);
        Assert.That(ConfDefaults.TryGet(ConfigCategory.Connection, "mqtt", out var connection), Is.True);
        Assert.That(connection, Is.Empty);
    }

    [TestCase(ConfigCategory.Source, "influx")]
    [TestCase(ConfigCategory.Sink, "MQTT")]
    [TestCase(ConfigCategory.Connection, "")]
    public void A_type_eKuiper_does_not_ship_is_unknown(ConfigCategory category, string type)
    {
        Assert.That(ConfDefaults.TryGet(category, type, out var keys), Is.False);
        Assert.That(keys, Is.Empty);
    }
}
