using System.Text;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.DataImport;
using Ekuiper.Domain.Ruleset;
using MediatR;

namespace Ekuiper.Application.Artifacts.Commands.CreateUpload;

/// <summary>
/// POST /config/uploads with a JSON body: {"name", "content"} writes the text, {"name", "file"} downloads the URI; the
/// file lands in the uploads directory (overwriting one of the same name) and the upload is recorded for the export,
/// as eKuiper records it.
/// </summary>
/// <returns>The absolute path of the file, eKuiper's answer.</returns>
public sealed record CreateUpload(string? Name, string? Content, string? File) : IRequest<string>;

public sealed class CreateUploadHandler(IEkuiperDbContext db, IUploadStore uploads, IArtifactFetcher fetcher)
    : IRequestHandler<CreateUpload, string>
{
    public async Task<string> Handle(CreateUpload request, CancellationToken cancellationToken)
    {
        var name = request.Name ?? string.Empty;
        var entry = Entry(request);
        // The import's own checks for an uploads entry: content or file, a name that stays inside the directory.
        var import = new SingleEntryImport(db);
        if (await import.CheckAsync(RulesetSection.Uploads, name, entry, cancellationToken) is { } invalid)
        {
            throw new BadRequestException(invalid);
        }

        // eKuiper prefers the file when both are given.
        var bytes = string.IsNullOrEmpty(request.File)
            ? Encoding.UTF8.GetBytes(request.Content!)
            : await fetcher.FetchAsync(request.File, cancellationToken);
        await using var content = new MemoryStream(bytes, writable: false);
        var path = await uploads.SaveAsync(name, content, cancellationToken);

        if (await import.WriteAsync(RulesetSection.Uploads, name, entry, null, cancellationToken) is { } error)
        {
            throw new BadRequestException(error);
        }
        return path;
    }

    /// <summary>The entry as eKuiper records an upload: name, then content or file, empty fields left out.</summary>
    private static string Entry(CreateUpload request) => JsonText.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("name", request.Name ?? string.Empty);
        if (!string.IsNullOrEmpty(request.Content))
        {
            writer.WriteString("content", request.Content);
        }
        if (!string.IsNullOrEmpty(request.File))
        {
            writer.WriteString("file", request.File);
        }
        writer.WriteEndObject();
    });
}
