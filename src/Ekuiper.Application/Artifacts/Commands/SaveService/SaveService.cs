using System.Text.Json;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Store;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Domain.Ruleset.Validation;
using MediatR;

namespace Ekuiper.Application.Artifacts.Commands.SaveService;

/// <summary>POST /services: {"name","file"} (a zip URI); the name must be new.</summary>
/// <returns>eKuiper's answer, e.g. "service geo is created".</returns>
public sealed record CreateService(string Json) : IRequest<string>, IStoreWrite;

/// <summary>PUT /services/{name}: {"file"} (the path's name counts); replaces the service, or creates it when absent.</summary>
/// <returns>eKuiper's answer, e.g. "service geo is updated".</returns>
public sealed record UpdateService(string Name, string Json) : IRequest<string>, IStoreWrite;

/// <summary>
/// The body as eKuiper decodes it into service.ServiceCreationRequest, and the Service entry it stores for it
/// ({"name","file"}, as Go marshals that struct), written through <see cref="SingleEntryImport"/>: fetched, checked,
/// staged and stored as an imported service is.
/// </summary>
public static class ServiceBody
{
    /// <summary>eKuiper's service.ServiceCreationRequest, as far as Go's type errors name it.</summary>
    public static GoJsonType GoType { get; } = GoJsonType.Struct("service.ServiceCreationRequest", ("name", "string"), ("file", "string"));

    /// <exception cref="InvalidRequestException">eKuiper's words, its literal "%s" included, and Go's error.</exception>
    public static (string? Name, string File) Decode(string body)
    {
        if ((GoJsonSyntax.Decode(body, out var first) ?? GoType.TypeError(first)) is { } error)
        {
            throw new InvalidRequestException($"Invalid body: Error decoding the %s service request payload: {error}");
        }
        string? name = null;
        var file = string.Empty;
        using var document = JsonText.ParseUntrusted(first);
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in document.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
            {
                // Go matches a field's name without regard to case.
                if (property.Name.Equals("name", StringComparison.OrdinalIgnoreCase))
                {
                    name = property.Value.GetString();
                }
                else if (property.Name.Equals("file", StringComparison.OrdinalIgnoreCase))
                {
                    file = property.Value.GetString()!;
                }
            }
        }
        return (name, file);
    }

    public static string Entry(string name, string file) => JsonText.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteString("file", file);
        writer.WriteEndObject();
    });

    public static void RequireValidName(string name)
    {
        if (Identifiers.Check(name) is { } error)
        {
            throw new InvalidRequestException(error);
        }
    }
}

public sealed class CreateServiceHandler(SingleEntryImport entries, IEkuiperDbContext db) : IRequestHandler<CreateService, string>
{
    private const string ErrorPrefix = "service create command error";

    public async Task<string> Handle(CreateService request, CancellationToken cancellationToken)
    {
        var (name, file) = ServiceBody.Decode(request.Json);
        var key = name ?? string.Empty;
        ServiceBody.RequireValidName(key);
        if (await StoredArtifacts.FindAsync(db, ArtifactKind.Service, key, cancellationToken) is not null)
        {
            throw new InvalidRequestException($"{ErrorPrefix}: service {key} exist");
        }
        await entries.WriteAsync(RulesetSection.Service, key, ServiceBody.Entry(key, file), null, ErrorPrefix, cancellationToken,
            creates: true, replacesArtifact: true);
        return $"service {key} is created";
    }
}

public sealed class UpdateServiceHandler(SingleEntryImport entries) : IRequestHandler<UpdateService, string>
{
    public async Task<string> Handle(UpdateService request, CancellationToken cancellationToken)
    {
        ServiceBody.RequireValidName(request.Name);
        var (_, file) = ServiceBody.Decode(request.Json);
        await entries.WriteAsync(RulesetSection.Service, request.Name, ServiceBody.Entry(request.Name, file), null,
            "service update command error", cancellationToken, replacesArtifact: true);
        return $"service {request.Name} is updated";
    }
}
