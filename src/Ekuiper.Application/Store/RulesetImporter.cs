using Ekuiper.Application.Backups;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Common.Metrics;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Application.Store;

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
    Action<int, int>? OnProgress = null)
{
    /// <summary>Check and install as usual, compare with the store, then write nothing (see <see cref="ImportOutcome.Preview"/>).</summary>
    public bool DryRun { get; init; }

    /// <summary>Why the backup a full import takes first is taken; "before full import" when not given.</summary>
    public string? BackupReason { get; init; }

    /// <summary>
    /// The entries are created, as eKuiper's create does it, not replaced as every import of eKuiper's does: a stream or
    /// table with TEMP="true" is accepted, and nothing is compared with a stored definition (SHARED, VERSION; a taken
    /// name is the caller's to refuse). A REST create, and a restore, which recreates what was stored.
    /// </summary>
    public bool Creates { get; init; }

    /// <summary>
    /// An artifact entry replaces the stored one of its key, even of a kind a partial import leaves as it is (plugins,
    /// schemas): a REST create or update of that artifact (PUT /schemas/{type}/{name}).
    /// </summary>
    public bool ReplacesArtifacts { get; init; }

    /// <summary>A restore's artifact rows, installed from their blobs (see <see cref="ArtifactInstallation.InstallAsync"/>).</summary>
    public IReadOnlyList<Domain.Definitions.ArtifactDefinition>? CarriedArtifacts { get; init; }
}

/// <summary>What an import did.</summary>
/// <param name="Plan">The checked import: what was (or would be) written and the report of what failed.</param>
/// <param name="Revision">The store's revision the import saw (the store write gives the one after it).</param>
/// <param name="Preview">A dry run's answer; null otherwise.</param>
public sealed record ImportOutcome(ImportPlan Plan, long Revision, ImportPreview? Preview = null)
{
    public ImportReport Report => Plan.Report;
}

/// <summary>
/// The one path every change of definitions takes, inside the caller's store write (<see cref="StoreWriteUnit"/>):
/// take a snapshot (partial mode), check the entries, install the artifacts (staged, promoted with the commit), check
/// the rules against what lands, write, record the status. It backs the store up before a full import, and tells the
/// unit whether anything changed, so that an import of what is already stored leaves the revision as it was.
/// </summary>
public sealed class RulesetImporter(
    IEkuiperDbContext db,
    StoreWriteUnit unit,
    ArtifactInstallation artifacts,
    IFunctionCatalogue functions,
    IClock clock,
    StoreBackups backups,
    EkuiperMetrics metrics)
{
    public async Task<ImportOutcome> ImportAsync(Ruleset ruleset, ImportMode mode, ImportOptions options, CancellationToken cancellationToken)
    {
        var revision = unit.RevisionBefore;
        var existing = mode == ImportMode.Reset
            ? StoreSnapshot.Empty
            : await StoreSnapshot.LoadAsync(db, ruleset[RulesetSection.Rules].Count > 0 ? functions : null, cancellationToken);
        // A dry run and a caller that looks at the plan before the write need every entry checked first. Otherwise
        // streams and rules, the entries a document has by the thousand, are checked batch by batch while the
        // previous batch is written, and never held all at once.
        var checksFirst = options.DryRun || options.BeforeWrite is not null;
        var plan = ImportPlanner.PlanConfigsAndArtifacts(ruleset, mode, existing, options.ReplacesArtifacts);
        // The staged files follow the unit of work: promoted just before its commit, put back if it does not commit.
        var staging = await artifacts.InstallAsync(plan, mode, options.CarriedArtifacts, cancellationToken);
        unit.Stage(staging);
        if (checksFirst)
        {
            // Rules are checked once the artifacts are installed: the functions a rule may call come from them.
            ImportPlanner.PlanStreams(ruleset, existing, plan, options.Creates);
            ImportPlanner.PlanRules(ruleset, existing, plan);
        }
        if (options.DryRun)
        {
            // Nothing is written, and the unit drops whatever the checks staged.
            unit.DiscardAll();
            var stored = await StoreContents.LoadAsync(db, cancellationToken);
            return new ImportOutcome(plan, revision, ImportPreview.Compute(ruleset, mode, stored, plan));
        }
        if (options.BeforeWrite is { } beforeWrite && !beforeWrite(existing, plan))
        {
            unit.DiscardAll();
            return new ImportOutcome(plan, revision);
        }
        var backup = mode == ImportMode.Reset
            ? await backups.TakeAsync(options.BackupReason ?? BackupMessages.BeforeFullImport, revision, cancellationToken)
            : null;

        var writer = new RulesetWriter(db);
        // The total shrinks as entries are refused, so that a finished import has written all of it.
        var total = plan.EntryCount + (checksFirst ? 0 : StreamAndRuleEntries(ruleset));
        Action<int>? onBatchWritten = options.OnProgress is { } report ? done => report(done, total) : null;
        onBatchWritten?.Invoke(0);
        var written = await writer.ApplyAsync(plan, mode, cancellationToken, onBatchWritten);
        await writer.WriteArtifactFilesAsync(staging, plan, mode, cancellationToken);
        if (!checksFirst)
        {
            written = await writer.WriteAsCheckedAsync(ImportPlanner.CheckStreamsInBatches(ruleset, existing, plan, RulesetWriter.BatchSize, options.Creates),
                written, batch => total -= batch.Refused, onBatchWritten, cancellationToken);
            // Every stream is checked by now: the rules are checked against all of them.
            await writer.WriteAsCheckedAsync(ImportPlanner.CheckRulesInBatches(ruleset, existing, plan, RulesetWriter.BatchSize),
                written, batch => total -= batch.Refused, onBatchWritten, cancellationToken);
        }
        await writer.FinishAsync(cancellationToken);
        await backups.SettleAsync(backup, writer.ChangedRows > 0, cancellationToken);
        if (backup is not null && writer.ChangedRows > 0)
        {
            unit.AfterCommit(metrics.BackupKept); // counted once it landed
        }
        // After the rows and the backups that referred to blobs are gone, the blobs only they referred to go too.
        await ArtifactBlobs.CollectAsync(db, cancellationToken);
        if (options.RecordStatus)
        {
            await writer.SaveStatusAsync(plan.Report, clock.UtcNow, cancellationToken);
        }
        unit.Changed(writer.ChangedRows);
        return new ImportOutcome(plan, revision);
    }
    private static int StreamAndRuleEntries(Ruleset ruleset) =>
        ruleset[RulesetSection.Streams].Count + ruleset[RulesetSection.Tables].Count + ruleset[RulesetSection.Rules].Count;
}
