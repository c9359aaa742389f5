using System.Text;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Store;
using MediatR;

namespace Ekuiper.Application.Artifacts.Commands.SaveSchema;

/// <summary>
/// PUT /schemas/{type}/{name}/upload: the multipart form's file (a .proto) and optional version create or replace the
/// schema. The file is stored as the entry's content, so the export carries the schema itself.
/// </summary>
/// <param name="FileName">The uploaded file's name; only its extension counts.</param>
/// <returns>Whether the schema is new (201) rather than replaced (200).</returns>
public sealed record UploadSchema(string SchemaType, string Name, string FileName, byte[] Content, string? Version)
    : IRequest<bool>, IStoreWrite;

public sealed class UploadSchemaHandler(SchemaWrites schemas) : IRequestHandler<UploadSchema, bool>
{
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
            throw new InvalidRequestException("schema upsert error: uploading a zip archive is not supported; post its file URI to /schemas/{type} instead");
        }
        string text;
        try
        {
            text = StrictUtf8.GetString(request.Content);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidRequestException($"schema upsert error: the uploaded file {request.FileName} is not UTF-8 text");
        }
        var schema = asFile with { File = null, Content = text };
        return await schemas.WriteAsync(schema, creates: false, "schema upsert error", cancellationToken);
    }
}
