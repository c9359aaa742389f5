using System.IO.Compression;
using System.Text;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Store;
using Ekuiper.Domain.Artifacts;
using Ekuiper.Domain.Definitions;
using MediatR;

namespace Ekuiper.Application.Artifacts.Commands.SaveSchema;

/// <summary>
/// PUT /schemas/{type}/{name}/upload: the multipart form's file and optional version create or replace the schema.
/// A .proto is stored as the entry's content, so the export carries the schema itself. A .zip is unpacked as eKuiper
/// unpacks it — name.proto and the supporting folder name/, nothing else — by the import's own staging, into a bundle
/// the schema is then installed from; the entry's content is its name.proto.
/// </summary>
/// <param name="FileName">The uploaded file's name; only its extension counts.</param>
/// <returns>Whether the schema is new (201) rather than replaced (200).</returns>
public sealed record UploadSchema(string SchemaType, string Name, string FileName, byte[] Content, string? Version)
    : IRequest<bool>, IStoreWrite;

public sealed class UploadSchemaHandler(SchemaWrites schemas, IArtifactInstaller installer, IEkuiperDbContext db)
    : IRequestHandler<UploadSchema, bool>
{
    private const string ErrorPrefix = "schema upsert error";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task<bool> Handle(UploadSchema request, CancellationToken cancellationToken)
    {
        SchemaWrites.RequireValidName(request.Name);
        // eKuiper checks the schema with the uploaded file as its file.
        var asFile = new SchemaInfo(request.SchemaType, request.Name, null, request.FileName, null, request.Version);
        if (asFile.Problem() is { } problem)
        {
            throw new InvalidRequestException($"Invalid schema: {problem}");
        }
        if (Path.GetExtension(request.FileName).Equals(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return await WriteArchiveAsync(asFile, request.Content, cancellationToken);
        }
        string text;
        try
        {
            text = StrictUtf8.GetString(request.Content);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidRequestException($"{ErrorPrefix}: the uploaded file {request.FileName} is not UTF-8 text");
        }
        return await schemas.WriteAsync(asFile with { File = null, Content = text }, creates: false, ErrorPrefix, cancellationToken);
    }

    private async Task<bool> WriteArchiveAsync(SchemaInfo asFile, byte[] zip, CancellationToken cancellationToken)
    {
        // As in eKuiper, the version is compared before the zip is opened.
        await schemas.RequireWritableAsync(asFile, creates: false, ErrorPrefix, cancellationToken);
        var archive = new ArtifactDefinition
        {
            Kind = ArtifactKind.Schema,
            Key = asFile.Key,
            Json = (asFile with { File = $"file:///{Uri.EscapeDataString(asFile.Name)}.zip" }).EntryJson(),
        };
        (IReadOnlyList<string> Functions, byte[] Bundle) staged;
        try
        {
            staged = await installer.BundleAsync(archive, zip, cancellationToken);
        }
        catch (EkuiperException e)
        {
            throw new InvalidRequestException($"{ErrorPrefix}: {e.Message}");
        }
        var schema = asFile with { File = null, Content = ProtoText(staged.Bundle, archive.InstalledPath!) };
        var row = new ArtifactDefinition
        {
            Kind = ArtifactKind.Schema,
            Key = schema.Key,
            Json = schema.EntryJson(),
            Sha256 = archive.Sha256,
            InstalledPath = archive.InstalledPath,
            FunctionsJson = FunctionList.Write(staged.Functions),
        };
        // In this write's transaction: the import installs the entry from this bundle, and a refusal takes it back.
        await ArtifactBlobs.WriteMissingAsync(db, [new ArtifactBlob { Sha256 = archive.Sha256!, Content = staged.Bundle }], cancellationToken);
        return await schemas.WriteAsync(schema, creates: false, ErrorPrefix, cancellationToken, row);
    }

    /// <summary>The schema file in the bundle (the staging checked it is UTF-8 protobuf text).</summary>
    private static string ProtoText(byte[] bundle, string path)
    {
        using var zip = new ZipArchive(new MemoryStream(bundle), ZipArchiveMode.Read);
        using var content = zip.GetEntry(path)!.Open();
        using var reader = new StreamReader(content, StrictUtf8);
        return reader.ReadToEnd();
    }
}
