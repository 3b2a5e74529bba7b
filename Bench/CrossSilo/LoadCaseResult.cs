using GameCluster.Bench.Grains;

namespace GameCluster.Bench.CrossSilo;

/// <summary>The timed rounds of one case; throughput as the median over rounds, latency over all calls of all rounds.</summary>
public sealed class LoadCaseResult(LoadCase loadCase)
{
    /// <summary>The case.</summary>
    public LoadCase Case { get; } = loadCase;

    /// <summary>The timed rounds, in order.</summary>
    public List<LoadRound> Rounds { get; } = [];

    /// <summary>Median calls per second.</summary>
    public double MedianCallsPerSecond => Statistics.Median(Rounds.Select(static r => r.CallsPerSecond));

    /// <summary>Slowest round.</summary>
    public double MinCallsPerSecond => Rounds.Min(static r => r.CallsPerSecond);

    /// <summary>Fastest round.</summary>
    public double MaxCallsPerSecond => Rounds.Max(static r => r.CallsPerSecond);

    /// <summary>Latency from start to answer, every call of every round.</summary>
    public LatencySnapshot Latency => LatencySnapshot.MergeAll(Rounds.Select(static r => r.Load.Latency));

    /// <summary>Latency from the moment a call was due to its answer, every call of every round (paced cases).</summary>
    public LatencySnapshot ScheduleLatency => LatencySnapshot.MergeAll(Rounds.Select(static r => r.Load.ScheduleLatency));

    /// <summary>Median caller processor time per call.</summary>
    public double MedianCallerCpuMicrosecondsPerCall => Statistics.Median(Rounds.Select(static r => r.CallerCpuMicrosecondsPerCall));

    /// <summary>Median callee processor time per call.</summary>
    public double MedianCalleeCpuMicrosecondsPerCall => Statistics.Median(Rounds.Select(static r => r.CalleeCpuMicrosecondsPerCall));

    /// <summary>Median share of the machine that was busy.</summary>
    public double MedianMachineBusy => Statistics.Median(Rounds.Select(static r => r.MachineBusy));

    /// <summary>The paced schedule's rate.</summary>
    public double OfferedRate => Rounds.Count == 0 ? 0 : Rounds[0].Load.OfferedRate;

    /// <summary>Due calls not started because the in-flight limit was reached, over all rounds.</summary>
    public long Skipped => Rounds.Sum(static r => r.Load.Skipped);
}
