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
/// properties object, stored as sent (a password too).
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
        string properties;
        try
        {
            using var submitted = JsonText.ParseUntrusted(request.Body);
            properties = JsonText.Compact(submitted.RootElement);
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
