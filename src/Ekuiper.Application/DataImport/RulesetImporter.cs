using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Application.DataImport;

/// <summary>How one import runs besides its mode.</summary>
/// <param name="RecordStatus">Save the report as the import status (data imports do; REST creates do not).</param>
/// <param name="BeforeWrite">
/// Called with the store snapshot and the checked plan before anything is written; return false to write nothing
/// (the transaction is rolled back), or throw to refuse the request.
/// </param>
/// <param name="OnProgress">Told (entries written, entries to write) as the writing goes, for a background task's progress.</param>
public sealed record ImportOptions(
    bool RecordStatus = true,
    Func<StoreSnapshot, ImportPlan, bool>? BeforeWrite = null,
    Action<int, int>? OnProgress = null);

/// <summary>
/// The one path every change to the store takes: in one transaction, take a snapshot (partial mode), check the
/// entries, install the artifacts, check the rules against what lands, write, record the status, then move the
/// artifact files into place and commit. Anything that fails before the commit leaves the store as it was.
/// </summary>
public sealed class RulesetImporter(
    IEkuiperDbContext db,
    ArtifactInstallation artifacts,
    IFunctionCatalogue functions,
    IClock clock)
{
    public async Task<ImportPlan> ImportAsync(Ruleset ruleset, ImportMode mode, ImportOptions options, CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var existing = mode == ImportMode.Reset
            ? StoreSnapshot.Empty
            : await StoreSnapshot.LoadAsync(db, functions, cancellationToken);
        var plan = ImportPlanner.Plan(ruleset, mode, existing);
        using var installed = await artifacts.InstallAsync(plan, mode, cancellationToken);
        ImportPlanner.PlanRules(ruleset, existing, plan);
        if (options.BeforeWrite is { } beforeWrite && !beforeWrite(existing, plan))
        {
            return plan;
        }

        var writer = new RulesetWriter(db);
        Action<int>? onBatchWritten = options.OnProgress is { } report ? done => report(done, plan.EntryCount) : null;
        onBatchWritten?.Invoke(0);
        await writer.ApplyAsync(plan, mode, cancellationToken, onBatchWritten);
        if (options.RecordStatus)
        {
            await writer.SaveStatusAsync(plan.Report, clock.UtcNow, cancellationToken);
        }
        // The files go into place while the transaction still holds the store's write lock; a failed commit puts them back.
        installed.Promote();
        await transaction.CommitAsync(cancellationToken);
        installed.Complete();
        return plan;
    }
}
