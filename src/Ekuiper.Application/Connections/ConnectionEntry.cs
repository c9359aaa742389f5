using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Application.Connections;

/// <summary>A connection as the value of its connectionConfig entry: {id: props}.</summary>
public static class ConnectionEntry
{
    /// <summary>eKuiper's plain-text answer to a create, update or delete.</summary>
    public const string Success = "success";

    public static string Of(string id, string propsJson) => JsonText.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WritePropertyName(id);
        writer.WriteRawValue(propsJson, skipInputValidation: true);
        writer.WriteEndObject();
    });
}
