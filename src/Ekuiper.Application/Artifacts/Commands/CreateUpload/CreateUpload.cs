using Ekuiper.Application.Store;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Domain.Ruleset.Validation;
using MediatR;

namespace Ekuiper.Application.Artifacts.Commands.CreateUpload;

/// <summary>
/// POST /config/uploads with a JSON body: {"name", "content"} writes the text, {"name", "file"} downloads the URI; the
/// file lands in the uploads directory (overwriting one of the same name; a name a/b/c.txt in its sub-folders, made as
/// needed) and the upload is recorded for the export, as eKuiper records it.
/// </summary>
/// <returns>The absolute path of the file, eKuiper's answer.</returns>
public sealed record CreateUpload(string? Name, string? Content, string? File) : IRequest<string>, IStoreWrite;

public sealed class CreateUploadHandler(SingleEntryImport entries, IUploadStore uploads) : IRequestHandler<CreateUpload, string>
{
    public async Task<string> Handle(CreateUpload request, CancellationToken cancellationToken)
    {
        // "/a/b.txt" is a/b.txt under the uploads folder, and recorded so.
        var name = UploadNames.Normalise(request.Name ?? string.Empty);
        // The import's own path for an uploads entry: its checks (content or file, a name that stays inside the
        // directory), the file written by the artifact installation, and the record for the export.
        await entries.WriteAsync(RulesetSection.Uploads, name, Entry(name, request), null, null, cancellationToken);
        return uploads.PathOf(name);
    }

    /// <summary>The entry as eKuiper records an upload: name, then content or file, empty fields left out.</summary>
    private static string Entry(string name, CreateUpload request) => JsonText.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
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
