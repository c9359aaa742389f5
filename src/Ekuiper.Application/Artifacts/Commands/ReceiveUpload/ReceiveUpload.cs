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
/// its own name. As in eKuiper, such a file is not recorded for the export — it may well be binary. Its bytes are kept
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
        if (UploadNames.Check(request.FileName) is { } invalid)
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
        staging.StageUploadedFile(request.FileName, content);
        await ArtifactBlobs.WriteMissingAsync(db, [new ArtifactBlob { Sha256 = sha256, Content = content }], cancellationToken);
        // Not a definition: the revision stays, as eKuiper's export does not change either.
        await db.UploadedFiles.Where(u => u.Name == request.FileName).ExecuteDeleteAsync(cancellationToken);
        db.UploadedFiles.Add(new UploadedFile { Name = request.FileName, Sha256 = sha256 });
        await db.SaveChangesAsync(cancellationToken);
        db.ClearTracked();
        // The bytes of the file this one replaced, if nothing else holds them.
        await ArtifactBlobs.CollectAsync(db, cancellationToken);
        return uploads.PathOf(request.FileName);
    }
}
