namespace Ekuiper.Bench.Measuring;

/// <summary>Which database the server (and the floor it is measured against) runs on.</summary>
public enum BenchStore
{
    Sqlite,
    PostgreSql,
}

/// <summary>One timed run: how long the operation took and the peak working set of the process that did it.</summary>
public readonly record struct Sample(double Milliseconds, long PeakBytes);

/// <summary>The result of one operation at one size on one store: the median time of the runs and the highest peak seen.</summary>
public sealed record Measurement(BenchStore Store, string Operation, int RuleCount, IReadOnlyList<Sample> Samples, string? Floor)
{
    public double MedianMilliseconds
    {
        get
        {
            var sorted = Samples.Select(s => s.Milliseconds).Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }

    public long PeakBytes => Samples.Max(s => s.PeakBytes);

    /// <summary>How a store is named in the output.</summary>
    public static string Name(BenchStore store) => store == BenchStore.PostgreSql ? "PostgreSQL" : "SQLite";

    /// <summary>
    /// Runs <paramref name="run"/> once to warm up (unless not <paramref name="warmUpRun"/>: the quick run times
    /// nothing it judges), then <paramref name="runs"/> times, each run doing its own set-up.
    /// </summary>
    public static async Task<Measurement> TakeAsync(BenchStore store, string operation, int ruleCount, int runs, string? floor,
        Func<Task<Sample>> run, bool warmUpRun = true)
    {
        Console.Error.Write($"  {Name(store),-10} {operation,-34}");
        if (warmUpRun)
        {
            Console.Error.Write(" warm-up");
            await run();
        }
        var samples = new List<Sample>();
        for (var i = 0; i < runs; i++)
        {
            var sample = await run();
            samples.Add(sample);
            Console.Error.Write($" {sample.Milliseconds:F0}");
        }
        Console.Error.WriteLine(" ms");
        return new Measurement(store, operation, ruleCount, samples, floor);
    }
}
