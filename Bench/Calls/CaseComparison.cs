namespace GameCluster.Bench.Calls;

/// <summary>Grain calls against a channel reference at one concurrency.</summary>
/// <param name="Grain">The grain case.</param>
/// <param name="Channel">The reference case.</param>
/// <param name="IsPrimary">Whether the target is judged against this reference.</param>
public sealed record CaseComparison(CaseResult Grain, CaseResult Channel, bool IsPrimary)
{
    /// <summary>The share of the reference's throughput that grain calls reach.</summary>
    public const double Target = 0.40;

    /// <summary>Median grain calls/s over median channel calls/s.</summary>
    public double Ratio => Grain.MedianCallsPerSecond / Channel.MedianCallsPerSecond;

    /// <summary>The lowest ratio of the same round's two measurements.</summary>
    public double MinRoundRatio => PairedRatios.Min();

    /// <summary>The highest ratio of the same round's two measurements.</summary>
    public double MaxRoundRatio => PairedRatios.Max();

    /// <summary>Rounds whose own grain / reference ratio is below the target.</summary>
    public int RoundsBelowTarget => PairedRatios.Count(static r => r < Target);

    /// <summary>Rounds compared.</summary>
    public int RoundCount => PairedRatios.Count();

    /// <summary>Whether the target is reached.</summary>
    public bool MeetsTarget => Ratio >= Target;

    private IEnumerable<double> PairedRatios =>
        Grain.Rounds.Zip(Channel.Rounds, static (g, c) => g.CallsPerSecond / c.CallsPerSecond);
}
