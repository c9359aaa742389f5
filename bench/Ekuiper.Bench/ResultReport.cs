using Ekuiper.Bench.Measuring;

namespace Ekuiper.Bench;

/// <summary>
/// The results as markdown tables (pasted as they are into docs/performance.md), and the targets' verdicts. Each
/// store has its own column group, its ratios taken to its own floor. The targets are judged on SQLite (they set the
/// exit code); on PostgreSQL the same targets are printed as information only: they were never agreed for it.
/// </summary>
/// <param name="postgreSqlSkipped">Why there are no PostgreSQL columns; null when there are.</param>
public sealed class ResultReport(IReadOnlyList<Measurement> results, BenchOptions options, string? postgreSqlSkipped = null)
{
    private const double ImportTarget = 3.0;
    private const double ExportTarget = 2.0;
    private const double ScalingTarget = 11.0;
    private const long MemoryTargetBytes = 400L * 1024 * 1024;
    private const int MemoryTargetSize = 100_000;

    /// <summary>
    /// The ratios to the floor are judged at the sizes the targets are set for (10,000 and 100,000 rules). A smaller
    /// size is measured only for the time ratio: there a request's fixed cost (and a full import's backup) is most of
    /// the time, and the floor has none.
    /// </summary>
    private const int SmallestJudgedSize = 10_000;

    private readonly List<string> _verdicts = [];
    private readonly List<string> _informational = [];

    public bool TargetsMet { get; private set; } = true;

    public void Print(TextWriter output)
    {
        var stores = results.Select(r => r.Store).Distinct().Order().ToList();
        if (postgreSqlSkipped is not null)
        {
            output.WriteLine($"PostgreSQL columns skipped: {postgreSqlSkipped}");
            output.WriteLine();
        }
        if (stores.Contains(BenchStore.PostgreSql))
        {
            output.WriteLine("Each store's ratios are to its own floor: SQLite's prepared inserts and reads; PostgreSQL's binary COPY in one transaction and reads.");
            output.WriteLine();
        }

        output.WriteLine("| operation | N |" + string.Concat(stores.Select(s =>
            $" {Measurement.Name(s)} median ms | × {Measurement.Name(s)} floor | {Measurement.Name(s)} peak MB |")));
        output.WriteLine("|---|---:|" + string.Concat(stores.Select(_ => "---:|---:|---:|")));
        foreach (var (operation, ruleCount) in results.Select(r => (r.Operation, r.RuleCount)).Distinct())
        {
            var line = $"| {operation} | {ruleCount:N0} |";
            foreach (var store in stores)
            {
                if (Find(store, operation, ruleCount) is not { } result)
                {
                    line += "  |  |  |";
                    continue;
                }
                var ratio = RatioToFloor(result);
                line += $" {result.MedianMilliseconds:F0} | {(ratio is null ? "" : $"{ratio:F2}")} | {result.PeakBytes / 1048576.0:F0} |";
                Judge(result, ratio);
            }
            output.WriteLine(line);
        }

        var sizes = results.Select(r => r.RuleCount).Distinct().Order().ToList();
        var pairs = sizes.Where(n => sizes.Contains(n / 10) && n % 10 == 0).Select(n => (Large: n, Small: n / 10)).ToList();
        foreach (var (large, small) in pairs)
        {
            output.WriteLine();
            output.WriteLine("| operation |" + string.Concat(stores.Select(s => $" {Measurement.Name(s)}: time at {large:N0} / time at {small:N0} |")));
            output.WriteLine("|---|" + string.Concat(stores.Select(_ => "---:|")));
            foreach (var operation in results.Where(r => r.RuleCount == large).Select(r => r.Operation).Distinct())
            {
                var line = $"| {operation} |";
                foreach (var store in stores)
                {
                    if (Find(store, operation, large) is not { } result || Find(store, operation, small) is not { } smaller)
                    {
                        line += "  |";
                        continue;
                    }
                    var scaling = result.MedianMilliseconds / smaller.MedianMilliseconds;
                    line += $" {scaling:F1} |";
                    if (result.Floor is not null)
                    {
                        Verdict(store, scaling <= ScalingTarget, $"{operation}: {large:N0}/{small:N0} time ratio {scaling:F1} (target ≤ {ScalingTarget})");
                    }
                }
                output.WriteLine(line);
            }
        }

        if (results.Any(r => r.RuleCount < SmallestJudgedSize) && !options.Quick)
        {
            output.WriteLine();
            output.WriteLine($"Sizes below {SmallestJudgedSize:N0} are measured for the time ratio only; their ratios to the floor are not judged.");
        }
        if (options.Quick)
        {
            output.WriteLine();
            output.WriteLine($"Quick run: every answer was checked ({string.Join(" and ", stores.Select(Measurement.Name))}); the targets are not judged at this size.");
            return;
        }
        output.WriteLine();
        foreach (var verdict in _verdicts)
        {
            output.WriteLine(verdict);
        }
        if (_informational.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("PostgreSQL, for information: the same targets, never agreed for PostgreSQL; they do not change the exit code.");
            foreach (var verdict in _informational)
            {
                output.WriteLine(verdict);
            }
        }
    }

    private Measurement? Find(BenchStore store, string operation, int ruleCount) =>
        results.SingleOrDefault(r => r.Store == store && r.RuleCount == ruleCount && r.Operation == operation);

    private double? RatioToFloor(Measurement result)
    {
        if (result.Floor is null)
        {
            return null;
        }
        var floor = Find(result.Store, result.Floor, result.RuleCount)
                    ?? throw new InvalidOperationException($"no {result.Floor} on {Measurement.Name(result.Store)} at {result.RuleCount}");
        return result.MedianMilliseconds / floor.MedianMilliseconds;
    }

    private void Judge(Measurement result, double? ratio)
    {
        if (ratio is not { } value || result.RuleCount < SmallestJudgedSize)
        {
            return;
        }
        if (result.Operation.StartsWith("import", StringComparison.Ordinal))
        {
            Verdict(result.Store, value <= ImportTarget, $"{result.Operation} at {result.RuleCount:N0}: {value:F2}× floor (target ≤ {ImportTarget}×)");
        }
        else if (result.Operation.StartsWith("GET /data/export", StringComparison.Ordinal))
        {
            Verdict(result.Store, value <= ExportTarget, $"{result.Operation} at {result.RuleCount:N0}: {value:F2}× floor (target ≤ {ExportTarget}×)");
        }
        if (result.RuleCount == MemoryTargetSize)
        {
            Verdict(result.Store, result.PeakBytes <= MemoryTargetBytes,
                $"{result.Operation} at {result.RuleCount:N0}: peak working set {result.PeakBytes / 1048576.0:F0} MB (target ≤ 400 MB)");
        }
    }

    /// <summary>SQLite's verdicts decide <see cref="TargetsMet"/>; PostgreSQL's are printed apart, marked, and decide nothing.</summary>
    private void Verdict(BenchStore store, bool met, string text)
    {
        if (store == BenchStore.PostgreSql)
        {
            _informational.Add($"{(met ? "met " : "MISS")}  PostgreSQL (informational): {text}");
            return;
        }
        TargetsMet &= met;
        _verdicts.Add($"{(met ? "met " : "MISS")}  {text}");
    }
}
