using Ekuiper.Domain.Rules;

namespace Ekuiper.Application.Common.Interfaces;

/// <summary>
/// The functions that installed function plugins, portable plugins, services and scripts provide, for the checks of
/// rules that call them and for the chosen-rules export.
/// </summary>
public interface IFunctionCatalogue
{
    Task<IReadOnlyList<DeclaredFunction>> ListAsync(CancellationToken cancellationToken);
}
