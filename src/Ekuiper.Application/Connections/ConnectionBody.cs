using System.Text.Json;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Application.Connections;

/// <summary>
/// The body of POST /connections and PUT /connections/{id}, {"id":…,"typ":…,"props":{…}}, read as Go's json.Unmarshal
/// reads it into eKuiper's ConnectionRequest: names matched case-insensitively, the last of duplicates kept, a missing
/// or null field left empty.
/// </summary>
public sealed record ConnectionBody(string Id, string Typ, string PropsJson)
{
    private static readonly GoJsonType GoType = GoJsonType.Struct("server.ConnectionRequest",
        ("id", "string"), ("typ", "string"), ("props", "map[string]interface {}"));

    /// <exception cref="InvalidRequestException">"Invalid body: {Go's error}", as eKuiper's handler words it.</exception>
    public static ConnectionBody Parse(string body)
    {
        if (GoType.UnmarshalError(body) is { } goError)
        {
            throw new InvalidRequestException($"Invalid body: {goError}");
        }
        using var document = JsonText.ParseUntrusted(body);
        string id = string.Empty, typ = string.Empty, props = "{}";
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (Is(property, "id"))
                {
                    id = property.Value.GetString() ?? id;
                }
                else if (Is(property, "typ"))
                {
                    typ = property.Value.GetString() ?? typ;
                }
                else if (Is(property, "props"))
                {
                    // A null props is Go's nil map; it is stored as an empty object, as PUT …/confKeys stores null.
                    props = property.Value.ValueKind == JsonValueKind.Object ? JsonText.Compact(property.Value) : "{}";
                }
            }
        }
        return new ConnectionBody(id, typ, props);
    }

    private static bool Is(JsonProperty property, string name) =>
        string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase);
}
