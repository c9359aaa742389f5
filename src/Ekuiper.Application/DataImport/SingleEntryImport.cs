using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Application.DataImport;

/// <summary>
/// How the per-resource REST endpoints check and store one definition: as a partial import of a one-entry ruleset.
/// Going through <see cref="ImportPlanner"/> means a REST create or update is held to exactly the checks an import
/// applies — including any the planner gains later (SQL, functions) — and <see cref="RulesetWriter"/>'s partial mode
/// makes the write an upsert of that one entry.
/// </summary>
public sealed class SingleEntryImport(IEkuiperDbContext db)
{
    /// <summary>Checks the entry as an import would, against the current store; writes nothing.</summary>
    /// <returns>null when the entry would land, else the error an import would report under its key.</returns>
    public async Task<string?> CheckAsync(RulesetSection section, string key, string value, CancellationToken cancellationToken)
    {
        var snapshot = await StoreSnapshot.LoadAsync(db, cancellationToken);
        return Plan(section, key, value, snapshot).Error;
    }

    /// <summary>
    /// In one transaction: checks the entry against the store's snapshot; when it passes, runs
    /// <paramref name="precondition"/> on the snapshot (it throws to refuse, e.g. a create whose name is taken) and
    /// replaces any stored entry of that key.
    /// </summary>
    /// <returns>null when written, else the error an import would report under the key; then nothing changed.</returns>
    public async Task<string?> WriteAsync(
        RulesetSection section,
        string key,
        string value,
        Action<StoreSnapshot>? precondition,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var snapshot = await StoreSnapshot.LoadAsync(db, cancellationToken);
        var (plan, error) = Plan(section, key, value, snapshot);
        if (error is not null)
        {
            return error;
        }
        precondition?.Invoke(snapshot);
        await new RulesetWriter(db).ApplyAsync(plan, ImportMode.Partial, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    private static (ImportPlan Plan, string? Error) Plan(RulesetSection section, string key, string value, StoreSnapshot snapshot)
    {
        var ruleset = new Ruleset();
        ruleset.Set(section, key, value);
        var plan = ImportPlanner.Plan(ruleset, ImportMode.Partial, snapshot);
        return (plan, plan.Report[section].GetValueOrDefault(key));
    }
}
