using Ekuiper.Application.Common.Metrics;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using Ekuiper.Domain.Ruleset;
using Microsoft.Extensions.Logging;

namespace Ekuiper.Application.DataImport;

/// <summary>How an import ended, as <see cref="EkuiperMetrics"/> counts it (the <c>outcome</c> tag).</summary>
public static class ImportOutcomes
{
    /// <summary>Every entry landed (a dry run: every entry would).</summary>
    public const string Ok = "ok";

    /// <summary>The import ran and some entries failed: its report names them (partial: the others landed).</summary>
    public const string Failed = "failed";

    /// <summary>Nothing was imported: the request or its document was refused (unreadable, does not parse, stale If-Match).</summary>
    public const string Refused = "refused";

    /// <summary>Cancelled (POST /async/task/{id}/cancel, an aborted request, the server stopping): nothing landed.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>An unexpected failure ("internal error"); logged with its stack where it was caught.</summary>
    public const string Error = "error";
}

/// <summary>Which import: sync or a background task's, and whether it is a dry run.</summary>
public sealed record ImportRun(bool IsAsync, bool DryRun, string? TaskId)
{
    public static ImportRun Of(ImportRuleset request) => new(request.TaskId is not null, request.DryRun, request.TaskId);

    public override string ToString() =>
        (TaskId is { } task ? $"async task {task}" : "sync") + (DryRun ? ", dry run" : string.Empty);
}

/// <summary>
/// The one place an import's end is told: counted in <see cref="EkuiperMetrics"/> and, when it failed or was refused,
/// logged as one warning with the failed entries per section (never a stack: these failures are expected). Called by
/// <see cref="Common.Behaviours.ImportOutcomeBehaviour{TRequest,TResponse}"/> for every import that runs, and for
/// the background tasks that end without running one (document unreadable when posted, withdrawn from the queue).
/// </summary>
public sealed class ImportObserver(EkuiperMetrics metrics, ILogger<ImportObserver> logger)
{
    /// <summary>The import answered: ok, or failed with its report.</summary>
    public void Answered(ImportRun run, ImportRulesetResult result, TimeSpan elapsed)
    {
        var report = result.Report;
        var outcome = report.IsEmpty ? ImportOutcomes.Ok : ImportOutcomes.Failed;
        metrics.ImportEnded(outcome, run.IsAsync, run.DryRun, elapsed, report, result.SectionCounts);
        if (report.IsEmpty)
        {
            return;
        }
        var perSection = RulesetSections.All.Where(s => report[s].Count > 0)
            .Select(s => $"{s.WireName()} {report[s].Count}");
        var first = RulesetSections.All.Where(s => report[s].Count > 0)
            .Select(s => (Section: s, Entry: report[s].First())).First();
        // A dry run that finds failures did its job: told, not warned.
        logger.Log(run.DryRun ? LogLevel.Information : LogLevel.Warning,
            "Import ({Import}) failed: {Failed} of {Entries} entries refused ({Sections}); first: {Section} {Key}: {Reason}",
            run, report.Count, result.SectionCounts.Sum(), string.Join(", ", perSection),
            first.Section.WireName(), first.Entry.Key, first.Entry.Value);
    }

    /// <summary>Nothing was imported: the request or its document was refused for <paramref name="reason"/>.</summary>
    public void Refused(ImportRun run, string reason, TimeSpan elapsed)
    {
        metrics.ImportEnded(ImportOutcomes.Refused, run.IsAsync, run.DryRun, elapsed);
        logger.LogWarning("Import ({Import}) refused: {Reason}", run, reason);
    }

    public void Cancelled(ImportRun run, TimeSpan elapsed)
    {
        metrics.ImportEnded(ImportOutcomes.Cancelled, run.IsAsync, run.DryRun, elapsed);
        logger.LogInformation("Import ({Import}) cancelled; nothing of it landed", run);
    }

    /// <summary>An unexpected failure: its exception is logged, with its stack, where it is caught.</summary>
    public void Errored(ImportRun run, TimeSpan elapsed) =>
        metrics.ImportEnded(ImportOutcomes.Error, run.IsAsync, run.DryRun, elapsed);
}
