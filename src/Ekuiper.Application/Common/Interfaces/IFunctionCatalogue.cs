using Ekuiper.Domain.Artifacts;
using Ekuiper.Domain.Rules;

namespace Ekuiper.Application.Common.Interfaces;

/// <summary>
/// What installed artifacts provide, read from the store so that every server judges alike: the functions that
/// function plugins, portable plugins, services and scripts provide, for the checks of rules that call them and for
/// the chosen-rules export; and the portable plugins' manifests, for their source and sink types and their listing.
/// </summary>
public interface IFunctionCatalogue
{
    Task<IReadOnlyList<DeclaredFunction>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// What <see cref="ListAsync"/> answers, from artifact rows the caller has read already (rows that provide no
    /// functions are passed over): the chosen-rules export reads every artifact anyway.
    /// </summary>
    IReadOnlyList<DeclaredFunction> Of(IEnumerable<Domain.Definitions.ArtifactDefinition> artifacts);

    /// <summary>
    /// Every stored portable plugin's manifest (named by its key), sorted by name: the one its row recorded
    /// (<see cref="Domain.Definitions.ArtifactDefinition.PluginInfoJson"/>), or for a row of an older version the one
    /// in its stored bundle, else in its installed files; a plugin whose manifest cannot be read at all has only its name.
    /// </summary>
    Task<IReadOnlyList<PortablePluginInfo>> PortablePluginsAsync(CancellationToken cancellationToken);
}
