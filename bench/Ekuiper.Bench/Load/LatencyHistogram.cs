using System.Numerics;

namespace Ekuiper.Bench.Load;

/// <summary>
/// Latencies in microseconds, counted in log-linear buckets (exact below 128 µs, then 64 buckets per power of two:
/// within 1.6% of the value) — a fixed array, so recording a request allocates nothing. One per connection loop,
/// merged when the run ends.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBuckets = 64;
    private const int Linear = 2 * SubBuckets;
    private const int MaxExponent = 40;

    private readonly long[] _counts = new long[Linear + MaxExponent * SubBuckets];

    public long Count { get; private set; }

    public long MaxMicroseconds { get; private set; }

    public void Record(long microseconds)
    {
        microseconds = Math.Max(0, microseconds);
        _counts[Index(microseconds)]++;
        Count++;
        MaxMicroseconds = Math.Max(MaxMicroseconds, microseconds);
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }
        Count += other.Count;
        MaxMicroseconds = Math.Max(MaxMicroseconds, other.MaxMicroseconds);
    }

    /// <summary>The latency below which <paramref name="fraction"/> of the requests fell (the bucket's upper edge), in ms.</summary>
    public double PercentileMilliseconds(double fraction)
    {
        if (Count == 0)
        {
            return double.NaN;
        }
        var rank = (long)Math.Ceiling(fraction * Count);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(UpperEdge(i), MaxMicroseconds) / 1000.0;
            }
        }
        return MaxMicroseconds / 1000.0;
    }

    private static int Index(long value)
    {
        if (value < Linear)
        {
            return (int)value;
        }
        // value >> shift lies in [64, 128).
        var shift = 63 - BitOperations.LeadingZeroCount((ulong)value) - 6;
        var index = Linear + (shift - 1) * SubBuckets + (int)((value >> shift) - SubBuckets);
        return Math.Min(index, Linear + MaxExponent * SubBuckets - 1);
    }

    private static long UpperEdge(int index)
    {
        if (index < Linear)
        {
            return index;
        }
        var shift = (index - Linear) / SubBuckets + 1;
        var mantissa = (index - Linear) % SubBuckets + SubBuckets;
        return ((mantissa + 1L) << shift) - 1;
    }
}
