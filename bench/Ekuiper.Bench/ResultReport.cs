using Ekuiper.Bench.Measuring;

namespace Ekuiper.Bench;

/// <summary>The results as markdown tables (pasted as they are into docs/performance.md), and the targets' verdicts.</summary>
public sealed class ResultReport(IReadOnlyList<Measurement> results, BenchOptions options)
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

    public bool TargetsMet { get; private set; } = true;

    public void Print(TextWriter output)
    {
        output.WriteLine("| operation | N | median ms | × floor | peak working set MB |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var result in results)
        {
            var ratio = RatioToFloor(result);
            output.WriteLine($"| {result.Operation} | {result.RuleCount:N0} | {result.MedianMilliseconds:F0} | " +
                             $"{(ratio is null ? "" : $"{ratio:F2}")} | {result.PeakBytes / 1048576.0:F0} |");
            Judge(result, ratio);
        }

        var sizes = results.Select(r => r.RuleCount).Distinct().Order().ToList();
        var pairs = sizes.Where(n => sizes.Contains(n / 10) && n % 10 == 0).Select(n => (Large: n, Small: n / 10)).ToList();
        foreach (var (large, small) in pairs)
        {
            output.WriteLine();
            output.WriteLine($"| operation | time at {large:N0} / time at {small:N0} |");
            output.WriteLine("|---|---:|");
            foreach (var result in results.Where(r => r.RuleCount == large))
            {
                var smaller = results.Single(r => r.RuleCount == small && r.Operation == result.Operation);
                var scaling = result.MedianMilliseconds / smaller.MedianMilliseconds;
                output.WriteLine($"| {result.Operation} | {scaling:F1} |");
                if (result.Floor is not null)
                {
                    Verdict(scaling <= ScalingTarget, $"{result.Operation}: {large:N0}/{small:N0} time ratio {scaling:F1} (target ≤ {ScalingTarget})");
                }
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
            output.WriteLine("Quick run: every answer was checked; the targets are not judged at this size.");
            return;
        }
        output.WriteLine();
        foreach (var verdict in _verdicts)
        {
            output.WriteLine(verdict);
        }
    }

    private double? RatioToFloor(Measurement result)
    {
        if (result.Floor is null)
        {
            return null;
        }
        var floor = results.Single(r => r.RuleCount == result.RuleCount && r.Operation == result.Floor);
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
            Verdict(value <= ImportTarget, $"{result.Operation} at {result.RuleCount:N0}: {value:F2}× floor (target ≤ {ImportTarget}×)");
        }
        else if (result.Operation.StartsWith("GET /data/export", StringComparison.Ordinal))
        {
            Verdict(value <= ExportTarget, $"{result.Operation} at {result.RuleCount:N0}: {value:F2}× floor (target ≤ {ExportTarget}×)");
        }
        if (result.RuleCount == MemoryTargetSize)
        {
            Verdict(result.PeakBytes <= MemoryTargetBytes,
                $"{result.Operation} at {result.RuleCount:N0}: peak working set {result.PeakBytes / 1048576.0:F0} MB (target ≤ 400 MB)");
        }
    }

    private void Verdict(bool met, string text)
    {
        TargetsMet &= met;
        _verdicts.Add($"{(met ? "met " : "MISS")}  {text}");
    }
}
