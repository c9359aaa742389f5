using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ekuiper.Application.Common.Metrics;

/// <summary>
/// The server's own instruments, on the meter <see cref="MeterName"/> (exported at /metrics; docs/operations.md lists
/// them). Imports are recorded in one place, <see cref="ImportObserver"/>; backups when their import commits.
/// </summary>
public sealed class EkuiperMetrics : IDisposable
{
    public const string MeterName = "Ekuiper";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly IServiceScopeFactory? _scopes;
    private readonly Counter<long> _imports;
    private readonly Histogram<double> _importDuration;
    private readonly Counter<long> _entriesWritten;
    private readonly Counter<long> _entriesFailed;
    private readonly Counter<long> _backups;

    /// <param name="meters">The host's meter factory (one meter per host); none: a meter of this instance's own.</param>
    /// <param name="scopes">Where the task gauge reads the task store; none: the gauge reports nothing.</param>
    public EkuiperMetrics(IMeterFactory? meters = null, IServiceScopeFactory? scopes = null)
    {
        _ownsMeter = meters is null;
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _scopes = scopes;
        _imports = _meter.CreateCounter<long>("ekuiper.imports", "{import}",
            "Imports ended, by outcome (ok, failed, refused, cancelled, error), kind (sync, async) and dry_run");
        _importDuration = _meter.CreateHistogram("ekuiper.import.duration", "s",
            "How long imports took, from the request (sync) or the job's start (async) to the outcome",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _entriesWritten = _meter.CreateCounter<long>("ekuiper.import.entries.written", "{entry}",
            "Entries committed imports wrote, by section");
        _entriesFailed = _meter.CreateCounter<long>("ekuiper.import.entries.failed", "{entry}",
            "Entries imports refused (the failures of their reports), by section");
        _backups = _meter.CreateCounter<long>("ekuiper.backups", "{backup}",
            "Backups of the store kept (taken before a full import or restore that changed it)");
        _meter.CreateObservableGauge("ekuiper.tasks", ObserveTasks, "{task}",
            "Background import tasks waiting (state=queued) and running (state=running), in the task store");
    }

    /// <summary>Seconds: from a small partial import to a 100,000-rule one.</summary>
    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    /// <summary>One import ended; <paramref name="report"/> (a committed one's) gives the written and failed entries.</summary>
    public void ImportEnded(string outcome, bool isAsync, bool dryRun, TimeSpan elapsed, ImportReport? report = null,
        IReadOnlyList<int>? sectionCounts = null)
    {
        var tags = new TagList
        {
            { "outcome", outcome },
            { "kind", isAsync ? "async" : "sync" },
            { "dry_run", dryRun ? "true" : "false" },
        };
        _imports.Add(1, tags);
        _importDuration.Record(elapsed.TotalSeconds, tags);
        if (report is null)
        {
            return;
        }
        foreach (var section in RulesetSections.All)
        {
            var failed = report[section].Count;
            if (failed > 0)
            {
                _entriesFailed.Add(failed, new KeyValuePair<string, object?>("section", section.WireName()));
            }
            var given = sectionCounts is { } counts && (int)section < counts.Count ? counts[(int)section] : 0;
            if (!dryRun && given - failed > 0)
            {
                _entriesWritten.Add(given - failed, new KeyValuePair<string, object?>("section", section.WireName()));
            }
        }
    }

    /// <summary>A backup was kept: its import committed, having changed the store.</summary>
    public void BackupKept() => _backups.Add(1);

    /// <summary>Two counts in one query on the task store's (status, lease) index; nothing when the store does not answer.</summary>
    private IEnumerable<Measurement<long>> ObserveTasks()
    {
        if (_scopes is null)
        {
            return [];
        }
        try
        {
            using var scope = _scopes.CreateScope();
            var counts = scope.ServiceProvider.GetRequiredService<ITaskStore>().AsyncTasks.AsNoTracking()
                .Where(t => t.Status == AsyncTaskStatus.Register || t.Status == AsyncTaskStatus.Running)
                .GroupBy(t => t.Status)
                .Select(g => new { Status = g.Key, Count = g.LongCount() })
                .ToList();
            long Of(string status) => counts.FirstOrDefault(c => c.Status == status)?.Count ?? 0;
            return
            [
                new Measurement<long>(Of(AsyncTaskStatus.Register), new KeyValuePair<string, object?>("state", "queued")),
                new Measurement<long>(Of(AsyncTaskStatus.Running), new KeyValuePair<string, object?>("state", "running")),
            ];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A scrape while the store is unreachable (or the host is stopping) reports no task counts; /readyz says why.
            return [];
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
