using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Application.Store;

/// <summary>
/// How the per-resource REST endpoints check and store one definition: as a partial import of a one-entry ruleset
/// through <see cref="RulesetImporter"/>. A REST create or update is thereby held to exactly the checks an import
/// applies (SQL, streams, functions, artifact installation), and <see cref="RulesetWriter"/>'s partial mode makes the
/// write an upsert of that one entry. The import status is left alone.
/// </summary>
public sealed class SingleEntryImport(RulesetImporter importer)
{
    /// <summary>Checks the entry as an import would, against the current store; writes nothing.</summary>
    /// <returns>null when the entry would land, else the error an import would report under its key.</returns>
    public async Task<string?> CheckAsync(RulesetSection section, string key, string value, CancellationToken cancellationToken)
    {
        var outcome = await importer.ImportAsync(OneEntry(section, key, value), ImportMode.Partial,
            new ImportOptions(RecordStatus: false, BeforeWrite: (_, _) => false), cancellationToken);
        return outcome.Report[section].GetValueOrDefault(key);
    }

    /// <summary>
    /// In one transaction: checks the entry against the store; when it passes, runs <paramref name="precondition"/> on
    /// the snapshot (it throws to refuse, e.g. a create whose name is taken) and replaces any stored entry of that key.
    /// </summary>
    /// <param name="errorPrefix">eKuiper's words before a refused entry's error (e.g. "Update rule error"); null for none.</param>
    /// <param name="creates">The write is a create, not a replace (<see cref="ImportOptions.Creates"/>).</param>
    /// <param name="replacesArtifact">An artifact entry replaces a stored one of its kind too (<see cref="ImportOptions.ReplacesArtifacts"/>).</param>
    /// <param name="carried">
    /// Rows whose stored bundle installs the entry instead of a fetch, when the entry's JSON equals theirs
    /// (<see cref="ImportOptions.CarriedArtifacts"/>): a change of what the entry says of files already installed, or
    /// a schema upload's zip, bundled before the write.
    /// </param>
    /// <exception cref="InvalidRequestException">
    /// The entry does not pass: "<paramref name="errorPrefix"/>: error", with the error an import would report under
    /// the key. Nothing changed.
    /// </exception>
    public async Task WriteAsync(
        RulesetSection section,
        string key,
        string value,
        Action<StoreSnapshot>? precondition,
        string? errorPrefix,
        CancellationToken cancellationToken,
        bool creates = false,
        bool replacesArtifact = false,
        IReadOnlyList<Domain.Definitions.ArtifactDefinition>? carried = null)
    {
        var outcome = await importer.ImportAsync(OneEntry(section, key, value), ImportMode.Partial,
            new ImportOptions(RecordStatus: false, BeforeWrite: (snapshot, checkedPlan) =>
            {
                if (!checkedPlan.Report.IsEmpty)
                {
                    return false;
                }
                precondition?.Invoke(snapshot);
                return true;
            }) { Creates = creates, ReplacesArtifacts = replacesArtifact, CarriedArtifacts = carried }, cancellationToken);
        if (outcome.Report[section].GetValueOrDefault(key) is { } error)
        {
            throw new InvalidRequestException(errorPrefix is null ? error : $"{errorPrefix}: {error}");
        }
    }

    private static Ruleset OneEntry(RulesetSection section, string key, string value)
    {
        var ruleset = new Ruleset();
        ruleset.Set(section, key, value);
        return ruleset;
    }
}
