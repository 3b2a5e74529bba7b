namespace GameCluster.Bench.CrossSilo;

/// <summary>Cross-silo grain calls against raw TCP at one number of calls in flight.</summary>
/// <param name="Grain">The grain case.</param>
/// <param name="Tcp">The raw TCP case.</param>
public sealed record LoadComparison(LoadCaseResult Grain, LoadCaseResult Tcp)
{
    /// <summary>The share of the raw TCP throughput grain calls should reach.</summary>
    public const double Target = 0.50;

    /// <summary>Median grain calls/s over median TCP calls/s.</summary>
    public double Ratio => Grain.MedianCallsPerSecond / Tcp.MedianCallsPerSecond;

    /// <summary>The lowest ratio of the same round's two measurements.</summary>
    public double MinRoundRatio => PairedRatios.Min();

    /// <summary>The highest ratio of the same round's two measurements.</summary>
    public double MaxRoundRatio => PairedRatios.Max();

    /// <summary>Rounds whose own ratio is below the target.</summary>
    public int RoundsBelowTarget => PairedRatios.Count(static r => r < Target);

    /// <summary>Rounds compared.</summary>
    public int RoundCount => PairedRatios.Count();

    /// <summary>Whether the target is reached on the medians.</summary>
    public bool MeetsTarget => Ratio >= Target;

    private IEnumerable<double> PairedRatios => Grain.Rounds.Zip(Tcp.Rounds, static (g, t) => g.CallsPerSecond / t.CallsPerSecond);
}
