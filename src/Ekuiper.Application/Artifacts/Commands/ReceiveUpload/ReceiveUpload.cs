using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Ruleset.Validation;
using Ekuiper.Application.Store;
using MediatR;

namespace Ekuiper.Application.Artifacts.Commands.ReceiveUpload;

/// <summary>
/// POST /config/uploads as a multipart form (field "uploadFile"): the file is written to the uploads directory under
/// its own name. As in eKuiper, such a file is not recorded for the export — it may well be binary. It is a store write
/// all the same, so that it never lands while an import moves the uploads directory.
/// </summary>
/// <returns>The absolute path of the file, eKuiper's answer.</returns>
public sealed record ReceiveUpload(string FileName, Stream Content) : IRequest<string>, IStoreWrite;

public sealed class ReceiveUploadHandler(IUploadStore uploads) : IRequestHandler<ReceiveUpload, string>
{
    public async Task<string> Handle(ReceiveUpload request, CancellationToken cancellationToken)
    {
        if (UploadNames.Check(request.FileName) is { } invalid)
        {
            throw new InvalidRequestException($"Error saving the file: {invalid}");
        }
        return await uploads.SaveAsync(request.FileName, request.Content, cancellationToken);
    }
}
