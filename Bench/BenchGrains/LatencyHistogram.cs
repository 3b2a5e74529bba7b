using System.Diagnostics;

namespace GameCluster.Bench.Grains;

/// <summary>
/// A preallocated log-linear latency histogram in nanoseconds (HdrHistogram-like): values below 64 ns are exact,
/// above that every power of two is split into 32 buckets, so a bucket is at most 1/32 of its value wide and a
/// percentile read at the bucket's middle is within about 1.6% of the true value. Recording is one bucket increment
/// (<see cref="Interlocked"/>, so concurrent completions may share a histogram) and never allocates.
/// </summary>
public sealed class LatencyHistogram
{
    /// <summary>Buckets: 64 exact ones, then 32 per power of two up to 2^40 ns (18 minutes); larger values land in the last.</summary>
    public const int BucketCount = ExactBuckets + (MaxShift * SubBuckets);

    private const int ExactBuckets = 64;
    private const int SubBuckets = 32;
    private const int MaxShift = 35;
    private static readonly bool TicksAreNanoseconds = Stopwatch.Frequency == 1_000_000_000;

    private readonly long[] _counts = new long[BucketCount];
    private long _total;
    private long _sum;
    private long _max;

    /// <summary>Records a duration measured in <see cref="Stopwatch"/> ticks.</summary>
    public void RecordTicks(long ticks) => RecordNanoseconds(TicksAreNanoseconds ? ticks : (long)(ticks * (1e9 / Stopwatch.Frequency)));

    /// <summary>Records a duration in nanoseconds.</summary>
    public void RecordNanoseconds(long nanoseconds)
    {
        if (nanoseconds < 0)
        {
            nanoseconds = 0;
        }

        Interlocked.Increment(ref _counts[IndexOf(nanoseconds)]);
        Interlocked.Increment(ref _total);
        Interlocked.Add(ref _sum, nanoseconds);
        var max = Volatile.Read(ref _max);
        while (nanoseconds > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, nanoseconds, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    /// <summary>A copy of what was recorded so far.</summary>
    public LatencySnapshot ToSnapshot() => new([.. _counts], Volatile.Read(ref _total), Volatile.Read(ref _sum), Volatile.Read(ref _max));

    /// <summary>The bucket of a value.</summary>
    public static int IndexOf(long nanoseconds)
    {
        if (nanoseconds < ExactBuckets)
        {
            return (int)nanoseconds;
        }

        var shift = 63 - (int)long.LeadingZeroCount(nanoseconds) - 5;
        if (shift > MaxShift)
        {
            return BucketCount - 1;
        }

        return ExactBuckets + ((shift - 1) * SubBuckets) + (int)((nanoseconds >> shift) - SubBuckets);
    }

    /// <summary>The smallest value of a bucket and the bucket's width, in nanoseconds.</summary>
    public static (long Lowest, long Width) BucketRange(int index)
    {
        if (index < ExactBuckets)
        {
            return (index, 1);
        }

        var offset = index - ExactBuckets;
        var shift = (offset / SubBuckets) + 1;
        var sub = (long)(offset % SubBuckets) + SubBuckets;
        return (sub << shift, 1L << shift);
    }
}
