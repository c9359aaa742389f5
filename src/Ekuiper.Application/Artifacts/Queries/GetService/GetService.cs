using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Ruleset.Validation;
using MediatR;

namespace Ekuiper.Application.Artifacts.Queries.GetService;

/// <summary>GET /services/{name}: the service's serviceInfo as eKuiper answers it (<see cref="ServiceDescription.InfoJson"/>).</summary>
/// <returns>The JSON object, as text.</returns>
public sealed record GetService(string Name) : IRequest<string>;

public sealed class GetServiceHandler(IEkuiperDbContext db, IArtifactInstaller installed) : IRequestHandler<GetService, string>
{
    public async Task<string> Handle(GetService request, CancellationToken cancellationToken)
    {
        if (Identifiers.Check(request.Name) is { } nameError)
        {
            throw new InvalidRequestException(nameError);
        }
        var service = await ServiceDescriptions.FindAsync(db, installed, request.Name, cancellationToken)
                      ?? throw new NotFoundException($"describe service {request.Name} error: not found");
        return service.InfoJson;
    }
}
