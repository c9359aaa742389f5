using System.Security.Cryptography;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset.Validation;
using Ekuiper.Application.Store;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Artifacts.Commands.ReceiveUpload;

/// <summary>
/// POST /config/uploads as a multipart form (field "uploadFile"): the file is written to the uploads directory under
/// its own base name, as eKuiper (Go's multipart reader drops any folder the form's file name gives). As in eKuiper, such a file is not recorded for the export — it may well be binary. Its bytes are kept
/// in the store all the same (an <see cref="UploadedFile"/> and its blob, in this write's transaction), so that every
/// server on the store installs the file; the file itself is staged and moved into place with the commit.
/// </summary>
/// <returns>The absolute path of the file, eKuiper's answer.</returns>
public sealed record ReceiveUpload(string FileName, Stream Content) : IRequest<string>, IStoreWrite;

public sealed class ReceiveUploadHandler(IEkuiperDbContext db, IArtifactInstaller installer, IUploadStore uploads, StoreWriteUnit unit)
    : IRequestHandler<ReceiveUpload, string>
{
    public async Task<string> Handle(ReceiveUpload request, CancellationToken cancellationToken)
    {
        // Go's multipart reader gives eKuiper the file name's base name only, so a form never writes into a sub-folder.
        var name = UploadNames.BaseName(request.FileName);
        if ((UploadNames.Check(name) ?? uploads.Refusal(name)) is { } invalid)
        {
            throw new InvalidRequestException($"Error saving the file: {invalid}");
        }
        // Bounded by the request body limit, which the whole form is read under.
        using var buffer = new MemoryStream();
        await request.Content.CopyToAsync(buffer, cancellationToken);
        var content = buffer.ToArray();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));

        var staging = installer.Begin();
        // Handed over first, so that whatever fails below, closing the write removes what was staged.
        unit.Stage(staging);
        staging.StageUploadedFile(name, content);
        await ArtifactBlobs.WriteMissingAsync(db, [new ArtifactBlob { Sha256 = sha256, Content = content }], cancellationToken);
        // Not a definition: the revision stays, as eKuiper's export does not change either.
        await db.UploadedFiles.Where(u => u.Name == name).ExecuteDeleteAsync(cancellationToken);
        db.UploadedFiles.Add(new UploadedFile { Name = name, Sha256 = sha256 });
        await db.SaveChangesAsync(cancellationToken);
        db.ClearTracked();
        // The bytes of the file this one replaced, if nothing else holds them.
        await ArtifactBlobs.CollectAsync(db, cancellationToken);
        return uploads.PathOf(name);
    }
}
