using System.IO.Compression;
using System.Text;
using System.Text.Json.Serialization;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Artifacts;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset.Validation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Artifacts.Queries.GetSchema;

/// <summary>GET /schemas/{type}/{name}: eKuiper's schema.Info for the installed schema.</summary>
public sealed record GetSchema(string SchemaType, string Name) : IRequest<SchemaDto>;

/// <summary>
/// As eKuiper answers it: the installed schema file's text and absolute path, the installed shared library's path,
/// the version; empty fields left out.
/// </summary>
public sealed class SchemaDto
{
    public required string Type { get; init; }
    public required string Name { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Content { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? File { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SoFile { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Version { get; init; }
}

public sealed class GetSchemaHandler(IEkuiperDbContext db, IArtifactInstaller installed) : IRequestHandler<GetSchema, SchemaDto>
{
    public async Task<SchemaDto> Handle(GetSchema request, CancellationToken cancellationToken)
    {
        if (Identifiers.Check(request.Name) is { } nameError)
        {
            throw new InvalidRequestException(nameError);
        }
        if (!ArtifactEntryValidator.SchemaTypes.Contains(request.SchemaType))
        {
            throw new InvalidRequestException($"schema type {request.SchemaType} not found in registry");
        }
        var key = $"{request.SchemaType}_{request.Name}";
        var stored = await StoredArtifacts.FindAsync(db, ArtifactKind.Schema, key, cancellationToken)
            ?? throw new InvalidRequestException($"schema type {request.SchemaType} id {request.Name} not found in registry");
        var entry = ArtifactEntries.ReadSchema(key, stored.Json);
        using var document = System.Text.Json.JsonDocument.Parse(stored.Json);
        var version = document.RootElement.TryGetProperty("version", out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String
            && v.GetString() is { Length: > 0 } text ? text : null;
        // The paths the installation wrote (ArtifactLayout): name.proto and name.so beside the type's folder.
        var folder = $"schemas/{entry.Type}/{entry.Name}";
        var schemaPath = entry.Type == "protobuf" ? folder + ".proto" : null;
        return new SchemaDto
        {
            Type = entry.Type,
            Name = entry.Name,
            Content = schemaPath is null ? null : await ReadInstalledAsync(stored, schemaPath, cancellationToken),
            File = schemaPath is null ? null : installed.FullPathOf(schemaPath),
            SoFile = entry.SoFile is null ? null : installed.FullPathOf(folder + ".so"),
            Version = version,
        };
    }

    /// <summary>The text of one installed file, from the artifact's bundle in the store (every server reads the same).</summary>
    private async Task<string> ReadInstalledAsync(ArtifactDefinition stored, string path, CancellationToken cancellationToken)
    {
        var bundle = stored.Sha256 is null
            ? null
            : await db.ArtifactBlobs.AsNoTracking().Where(b => b.Sha256 == stored.Sha256).Select(b => b.Content).FirstOrDefaultAsync(cancellationToken);
        if (bundle is not null)
        {
            using var zip = new ZipArchive(new MemoryStream(bundle), ZipArchiveMode.Read);
            if (zip.GetEntry(path) is { } file)
            {
                await using var content = file.Open();
                using var reader = new StreamReader(content, Encoding.UTF8);
                return await reader.ReadToEndAsync(cancellationToken);
            }
        }
        // A row of an older version has no bundle: its file, as installed on this server.
        var installedFile = installed.FullPathOf(path);
        return System.IO.File.Exists(installedFile) ? await System.IO.File.ReadAllTextAsync(installedFile, cancellationToken) : string.Empty;
    }
}
