namespace GameCluster.Bench.Calls;

/// <summary>The rounds of one case and their medians.</summary>
public sealed class CaseResult(string name, string kind, int callers, int targets)
{
    /// <summary>The case's name.</summary>
    public string Name { get; } = name;

    /// <summary><c>grain</c> or <c>channel</c>.</summary>
    public string Kind { get; } = kind;

    /// <summary>Concurrent callers.</summary>
    public int Callers { get; } = callers;

    /// <summary>Distinct targets.</summary>
    public int Targets { get; } = targets;

    /// <summary>The timed rounds, in order.</summary>
    public List<RoundResult> Rounds { get; } = [];

    /// <summary>Median calls per second.</summary>
    public double MedianCallsPerSecond => Statistics.Median(Rounds.Select(static r => r.CallsPerSecond));

    /// <summary>Slowest round.</summary>
    public double MinCallsPerSecond => Rounds.Min(static r => r.CallsPerSecond);

    /// <summary>Fastest round.</summary>
    public double MaxCallsPerSecond => Rounds.Max(static r => r.CallsPerSecond);

    /// <summary>Allocated bytes per call, counted exactly in a no-GC region; <see langword="null"/> when not measured.</summary>
    public double? BytesPerCall { get; set; }

    /// <summary>Median processor time per call.</summary>
    public double MedianCpuMicrosecondsPerCall => Statistics.Median(Rounds.Select(static r => r.CpuMicrosecondsPerCall));

    /// <summary>Median gen 0 collections per round.</summary>
    public double MedianGen0PerRound => Statistics.Median(Rounds.Select(static r => (double)r.Gen0Collections));
}
