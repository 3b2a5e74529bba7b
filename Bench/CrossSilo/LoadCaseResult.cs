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

    /// <summary>From the moment a call was due to its start, every call of every round (paced cases).</summary>
    public LatencySnapshot PacingLag => LatencySnapshot.MergeAll(Rounds.Select(static r => r.Load.PacingLag));

    /// <summary>Bytes the calling process allocated per call (exact, short no-GC run); <see langword="null"/> when not measured or lost.</summary>
    public double? CallerBytesPerCall { get; set; }

    /// <summary>Bytes the answering process allocated per call (exact, short no-GC run); <see langword="null"/> when not measured or lost.</summary>
    public double? CalleeBytesPerCall { get; set; }

    /// <summary>Median caller processor time per call.</summary>
    public double MedianCallerCpuMicrosecondsPerCall => Statistics.Median(Rounds.Select(static r => r.CallerCpuMicrosecondsPerCall));

    /// <summary>Median callee processor time per call.</summary>
    public double MedianCalleeCpuMicrosecondsPerCall => Statistics.Median(Rounds.Select(static r => r.CalleeCpuMicrosecondsPerCall));

    /// <summary>Median gen 0 collections per round in the calling process.</summary>
    public double MedianCallerGen0 => Statistics.Median(Rounds.Select(static r => (double)r.CallerGc.Gen0));

    /// <summary>Median gen 0 collections per round in the answering process; NaN when not known.</summary>
    public double MedianCalleeGen0 => Statistics.Median(Rounds.Select(static r => r.CalleeGc is { } gc ? gc.Gen0 : double.NaN));

    /// <summary>Median GC pause time per round in the calling process, in milliseconds.</summary>
    public double MedianCallerPauseMilliseconds => Statistics.Median(Rounds.Select(static r => r.CallerGc.PauseMilliseconds));

    /// <summary>Median GC pause time per round in the answering process, in milliseconds; NaN when not known.</summary>
    public double MedianCalleePauseMilliseconds => Statistics.Median(Rounds.Select(static r => r.CalleeGc is { } gc ? gc.PauseMilliseconds : double.NaN));

    /// <summary>Median share of the machine that was busy.</summary>
    public double MedianMachineBusy => Statistics.Median(Rounds.Select(static r => r.MachineBusy));

    /// <summary>The paced schedule's rate.</summary>
    public double OfferedRate => Rounds.Count == 0 ? 0 : Rounds[0].Load.OfferedRate;

    /// <summary>Due calls not started because the in-flight limit was reached, over all rounds.</summary>
    public long Skipped => Rounds.Sum(static r => r.Load.Skipped);
}
