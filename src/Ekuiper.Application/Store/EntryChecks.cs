namespace Ekuiper.Application.Store;

/// <summary>
/// Runs the per-entry checks of an import on every core. Checking one entry (parsing its SQL, its JSON) reads
/// nothing but the entry and a read-only context, so entries are independent; the results come back in entry order,
/// which keeps plans and reports deterministic.
/// </summary>
internal static class EntryChecks
{
    /// <summary>Below this many entries the work is too small to be worth handing to other threads.</summary>
    private const int ParallelThreshold = 256;

    public static TResult[] InParallel<TEntry, TResult>(IReadOnlyList<TEntry> entries, Func<TEntry, TResult> check)
    {
        var results = new TResult[entries.Count];
        if (entries.Count < ParallelThreshold)
        {
            for (var i = 0; i < results.Length; i++)
            {
                results[i] = check(entries[i]);
            }
            return results;
        }
        Parallel.For(0, results.Length, i => results[i] = check(entries[i]));
        return results;
    }
}
