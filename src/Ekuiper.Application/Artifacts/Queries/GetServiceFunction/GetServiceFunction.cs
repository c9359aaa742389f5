using Ekuiper.Application.Artifacts.Queries.ListServiceFunctions;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Ruleset.Validation;
using MediatR;

namespace Ekuiper.Application.Artifacts.Queries.GetServiceFunction;

/// <summary>GET /services/functions/{name}: one service function's functionContainer, the name matched exactly, as eKuiper does.</summary>
/// <returns>The JSON object, as text.</returns>
public sealed record GetServiceFunction(string Name) : IRequest<string>;

public sealed class GetServiceFunctionHandler(IEkuiperDbContext db, IArtifactInstaller installed) : IRequestHandler<GetServiceFunction, string>
{
    public async Task<string> Handle(GetServiceFunction request, CancellationToken cancellationToken)
    {
        if (Identifiers.Check(request.Name) is { } nameError)
        {
            throw new InvalidRequestException(nameError);
        }
        var functions = await ListServiceFunctionsHandler.FunctionsAsync(db, installed, cancellationToken);
        var function = functions.FirstOrDefault(f => f.FuncName == request.Name)
                       ?? throw new NotFoundException($"describe function {request.Name} error: not found");
        return function.Json();
    }
}
