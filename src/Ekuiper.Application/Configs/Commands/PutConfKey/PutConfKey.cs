using System.Text.Json;
using Ekuiper.Application.Store;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using MediatR;

namespace Ekuiper.Application.Configs.Commands.PutConfKey;

/// <summary>
/// PUT /metadata/{sources|sinks|connections}/{type}/confKeys/{key}: creates or replaces one conf key. The body is its
/// properties object, stored as sent (a password too). A body Go cannot unmarshal into a map is refused in eKuiper's
/// words: "Type conversion failed:{type}.{Go's error}" (code 5000) for sources and sinks, "Invalid body: {Go's error}"
/// for connections.
/// </summary>
public sealed record PutConfKey(ConfigCategory Category, string PluginType, string Key, string Body) : IRequest<Unit>, IStoreWrite;

/// <summary>
/// The key is stored as a partial import of a one-key config entry (<see cref="SingleEntryImport"/>), so it is checked
/// by the import's own config checks and replaces only that key.
/// </summary>
public sealed class PutConfKeyHandler(SingleEntryImport entries) : IRequestHandler<PutConfKey, Unit>
{
    public async Task<Unit> Handle(PutConfKey request, CancellationToken cancellationToken)
    {
        if (GoJsonType.StringMap.UnmarshalError(request.Body) is { } goError)
        {
            // eKuiper reads the body with json.Unmarshal into a map: for a source or sink key in its conf key store,
            // which words the error and gives it its code; for a connection in the handler itself.
            throw request.Category == ConfigCategory.Connection
                ? new InvalidRequestException($"Invalid body: {goError}")
                : new ConfKeyException($"Type conversion failed:{request.PluginType}.{goError}");
        }
        string properties;
        try
        {
            using var submitted = JsonText.ParseUntrusted(request.Body);
            // Go unmarshals null into the map eKuiper made beforehand: the key is stored empty.
            properties = submitted.RootElement.ValueKind == JsonValueKind.Null ? "{}" : JsonText.Compact(submitted.RootElement);
        }
        catch (JsonException e)
        {
            throw new InvalidRequestException($"Invalid body: Error decoding json: {e.Message}");
        }

        var entry = JsonText.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName(request.Key);
            writer.WriteRawValue(properties, skipInputValidation: true);
            writer.WriteEndObject();
        });
        await entries.WriteAsync(
            SectionKinds.SectionOf(request.Category), request.PluginType, entry, null, null, cancellationToken);
        return Unit.Value;
    }
}
