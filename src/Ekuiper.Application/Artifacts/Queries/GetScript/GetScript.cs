using System.Text.Json;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using MediatR;

namespace Ekuiper.Application.Artifacts.Queries.GetScript;

/// <summary>GET /udf/javascript/{id}.</summary>
public sealed record GetScript(string Id) : IRequest<ScriptDto>;

public sealed class GetScriptHandler(IEkuiperDbContext db) : IRequestHandler<GetScript, ScriptDto>
{
    public async Task<ScriptDto> Handle(GetScript request, CancellationToken cancellationToken)
    {
        var stored = await StoredArtifacts.FindAsync(db, ArtifactKind.Script, request.Id, cancellationToken)
            ?? throw new InvalidRequestException($"describe javascript function {request.Id} error: not found");
        // The stored JSON passed ArtifactEntryValidator, so each field present has its type.
        using var document = JsonDocument.Parse(stored.Json);
        var root = document.RootElement;
        return new ScriptDto
        {
            Id = stored.Key,
            Description = Text(root, "description"),
            Script = Text(root, "script"),
            IsAgg = root.TryGetProperty("isAgg", out var isAgg) && isAgg.ValueKind == JsonValueKind.True,
        };
    }

    private static string Text(JsonElement root, string field) =>
        root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
}
