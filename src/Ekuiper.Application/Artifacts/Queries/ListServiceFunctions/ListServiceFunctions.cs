using Ekuiper.Application.Common.Interfaces;
using MediatR;

namespace Ekuiper.Application.Artifacts.Queries.ListServiceFunctions;

/// <summary>
/// GET /services/functions: every function the stored services provide, as eKuiper's functionContainers, sorted by
/// name. eKuiper keeps one container per function name; a name two services provide is listed once, for the first
/// service in name order.
/// </summary>
/// <returns>The JSON array, as text.</returns>
public sealed record ListServiceFunctions : IRequest<string>;

public sealed class ListServiceFunctionsHandler(IEkuiperDbContext db, IArtifactInstaller installed)
    : IRequestHandler<ListServiceFunctions, string>
{
    public async Task<string> Handle(ListServiceFunctions request, CancellationToken cancellationToken) =>
        "[" + string.Join(",", (await FunctionsAsync(db, installed, cancellationToken)).Select(f => f.Json())) + "]";

    /// <summary>The functions, one per name, sorted by name.</summary>
    internal static async Task<IReadOnlyList<ServiceFunctionInfo>> FunctionsAsync(IEkuiperDbContext db, IArtifactInstaller installed,
        CancellationToken cancellationToken) =>
        (await ServiceDescriptions.AllAsync(db, installed, cancellationToken))
            .SelectMany(s => s.Functions)
            .DistinctBy(f => f.FuncName, StringComparer.Ordinal)
            .OrderBy(f => f.FuncName, StringComparer.Ordinal)
            .ToList();
}
