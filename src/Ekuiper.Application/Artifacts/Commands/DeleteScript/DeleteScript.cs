using Ekuiper.Application.Store;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Artifacts.Commands.DeleteScript;

/// <summary>DELETE /udf/javascript/{id}.</summary>
/// <returns>eKuiper's answer, e.g. "javascript function area is deleted".</returns>
public sealed record DeleteScript(string Id) : IRequest<string>, IStoreWrite;

public sealed class DeleteScriptHandler(IEkuiperDbContext db, StoreWriteUnit unit) : IRequestHandler<DeleteScript, string>
{
    public async Task<string> Handle(DeleteScript request, CancellationToken cancellationToken)
    {
        await db.Artifacts.Where(a => a.Kind == ArtifactKind.Script && a.Key == request.Id)
            .DeleteAsync(unit, () => new NotFoundException($"delete javascript function {request.Id} error: {request.Id} is not found"), cancellationToken);
        return $"javascript function {request.Id} is deleted";
    }
}
