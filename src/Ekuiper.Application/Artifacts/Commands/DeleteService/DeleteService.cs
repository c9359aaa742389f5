using Ekuiper.Application.Artifacts.Commands.SaveService;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Store;
using Ekuiper.Domain.Definitions;
using MediatR;

namespace Ekuiper.Application.Artifacts.Commands.DeleteService;

/// <summary>
/// DELETE /services/{name}. As in eKuiper, a rule calling one of its functions does not stop the delete. The installed
/// files go when the store no longer holds the row (<c>ArtifactMaterialiser</c>).
/// </summary>
/// <returns>eKuiper's answer, e.g. "service geo is deleted".</returns>
public sealed record DeleteService(string Name) : IRequest<string>, IStoreWrite;

public sealed class DeleteServiceHandler(IEkuiperDbContext db, StoreWriteUnit unit) : IRequestHandler<DeleteService, string>
{
    public async Task<string> Handle(DeleteService request, CancellationToken cancellationToken)
    {
        ServiceBody.RequireValidName(request.Name);
        await db.Artifacts.Where(a => a.Kind == ArtifactKind.Service && a.Key == request.Name)
            .DeleteAsync(unit, () => new NotFoundException($"delete service {request.Name} error: {request.Name} is not found"), cancellationToken);
        return $"service {request.Name} is deleted";
    }
}
