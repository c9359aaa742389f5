using Ekuiper.Domain.Definitions;

namespace Ekuiper.Application.Common.Interfaces;

/// <summary>A SQL function that an installed artifact makes available, and the artifact that provides it.</summary>
public sealed record DeclaredFunction(string Name, ArtifactKind Kind, string Key);

/// <summary>
/// The functions that installed function plugins, portable plugins, services and scripts provide, for the checks of
/// rules that call them.
/// </summary>
public interface IFunctionCatalogue
{
    Task<IReadOnlyList<DeclaredFunction>> ListAsync(CancellationToken cancellationToken);
}
