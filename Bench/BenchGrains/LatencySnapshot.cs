namespace GameCluster.Bench.Grains;

/// <summary>The counts of a <see cref="LatencyHistogram"/>, as they cross the wire from the driver grain to the bench.</summary>
/// <param name="Counts">Calls per bucket (see <see cref="LatencyHistogram.BucketRange"/>).</param>
/// <param name="Total">Calls recorded.</param>
/// <param name="SumNanoseconds">Sum of all recorded latencies.</param>
/// <param name="MaxNanoseconds">The largest recorded latency.</param>
[GenerateSerializer]
[Immutable]
public sealed record LatencySnapshot(
    [property: Id(0)] long[] Counts,
    [property: Id(1)] long Total,
    [property: Id(2)] long SumNanoseconds,
    [property: Id(3)] long MaxNanoseconds)
{
    /// <summary>Nothing recorded.</summary>
    public static LatencySnapshot Empty { get; } = new(new long[LatencyHistogram.BucketCount], 0, 0, 0);

    /// <summary>Mean latency in microseconds.</summary>
    public double MeanMicroseconds => Total == 0 ? double.NaN : SumNanoseconds / 1000.0 / Total;

    /// <summary>Largest latency in microseconds.</summary>
    public double MaxMicroseconds => MaxNanoseconds / 1000.0;

    /// <summary>
    /// The latency below or at which <paramref name="quantile"/> of the calls completed, in microseconds (the middle of
    /// the bucket that holds that call, never above the maximum).
    /// </summary>
    public double PercentileMicroseconds(double quantile)
    {
        if (Total == 0)
        {
            return double.NaN;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * Total));
        long seen = 0;
        for (var i = 0; i < Counts.Length; i++)
        {
            seen += Counts[i];
            if (seen >= rank)
            {
                var (lowest, width) = LatencyHistogram.BucketRange(i);
                return Math.Min(lowest + ((width - 1) / 2.0), MaxNanoseconds) / 1000.0;
            }
        }

        return MaxMicroseconds;
    }

    /// <summary>Both snapshots' calls together.</summary>
    public LatencySnapshot Merge(LatencySnapshot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var counts = new long[Math.Max(Counts.Length, other.Counts.Length)];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = (i < Counts.Length ? Counts[i] : 0) + (i < other.Counts.Length ? other.Counts[i] : 0);
        }

        return new LatencySnapshot(counts, Total + other.Total, SumNanoseconds + other.SumNanoseconds, Math.Max(MaxNanoseconds, other.MaxNanoseconds));
    }

    /// <summary>All snapshots' calls together.</summary>
    public static LatencySnapshot MergeAll(IEnumerable<LatencySnapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var counts = new long[LatencyHistogram.BucketCount];
        long total = 0, sum = 0, max = 0;
        foreach (var snapshot in snapshots)
        {
            for (var i = 0; i < snapshot.Counts.Length && i < counts.Length; i++)
            {
                counts[i] += snapshot.Counts[i];
            }

            total += snapshot.Total;
            sum += snapshot.SumNanoseconds;
            max = Math.Max(max, snapshot.MaxNanoseconds);
        }

        return new LatencySnapshot(counts, total, sum, max);
    }
}
