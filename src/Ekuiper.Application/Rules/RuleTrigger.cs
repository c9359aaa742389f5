using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Store;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Rules;

/// <summary>
/// Start, stop and restart: this server runs no rules, so they only set the rule's triggered flag — in the column the
/// status is read from and in the stored JSON, so that GET /rules/{id} and the export carry it as eKuiper's do. Like
/// eKuiper, every start, stop and restart re-marshals the stored JSON (<see cref="GoJsonRemarshal"/>: keys sorted, numbers
/// as float64), even when the flag does not change; the write counts as a change only when the stored row differs.
/// </summary>
internal static class RuleTrigger
{
    /// <param name="action">eKuiper's verb for the error prefix: "start", "stop" or "restart".</param>
    public static async Task SetAsync(IEkuiperDbContext db, StoreWriteUnit unit, string id, bool triggered, string action,
        CancellationToken cancellationToken)
    {
        var rule = await db.Rules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException($"{action} rule error: Rule {id} is not found in registry, please check if it is created");
        var json = GoJsonRemarshal.Rewrite(rule.Json, map => map["triggered"] = triggered)
            ?? RuleJson.WithTriggered(rule.Json, triggered);
        if (rule.Triggered == triggered && json == rule.Json)
        {
            return; // Already so, in eKuiper's form: the row and the revision stay as they were.
        }
        rule.Json = json;
        rule.Triggered = triggered;
        await db.SaveChangesAsync(cancellationToken);
        db.ClearTracked();
        unit.Changed(); // the export carries the flag
    }
}
