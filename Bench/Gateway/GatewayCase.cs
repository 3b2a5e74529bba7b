using GameCluster.Bench.Grains;

namespace GameCluster.Bench.Gateway;

/// <summary>One case of the <c>gateway</c> scenario: a load loop against the gateway's socket or the plain endpoint.</summary>
/// <param name="Id">The case id (for <c>--case</c>).</param>
/// <param name="Description">What the calls are.</param>
/// <param name="InFlight">Calls in flight (closed loop) or the in-flight limit (paced).</param>
/// <param name="IsPaced">Whether the case runs on a fixed schedule.</param>
/// <param name="ServerCpu">The answering process's processor time so far.</param>
/// <param name="RunRoundAsync">Runs one round of the given length.</param>
public sealed record GatewayCase(string Id, string Description, int InFlight, bool IsPaced, Func<TimeSpan> ServerCpu, Func<TimeSpan, Task<LoadRoundResult>> RunRoundAsync);

/// <summary>One timed round of a case.</summary>
/// <param name="Round">The round number (0 for warmup).</param>
/// <param name="Load">What the load loop measured.</param>
/// <param name="ClientCpu">The bench process's processor time during the round (the load tool, both clients' stacks).</param>
/// <param name="ServerCpu">The answering process's processor time during the round.</param>
/// <param name="MachineBusy">Share of both cores that was busy (all processes).</param>
public sealed record GatewayRound(int Round, LoadRoundResult Load, TimeSpan ClientCpu, TimeSpan ServerCpu, double MachineBusy)
{
    /// <summary>Completed calls per second.</summary>
    public double CallsPerSecond => Load.CallsPerSecond;

    /// <summary>Bench-process CPU per call in microseconds.</summary>
    public double ClientCpuMicrosecondsPerCall => Load.Calls == 0 ? double.NaN : ClientCpu.TotalMicroseconds / Load.Calls;

    /// <summary>Server-process CPU per call in microseconds.</summary>
    public double ServerCpuMicrosecondsPerCall => Load.Calls == 0 ? double.NaN : ServerCpu.TotalMicroseconds / Load.Calls;
}

/// <summary>The timed rounds of one case.</summary>
public sealed class GatewayCaseResult(GatewayCase gatewayCase)
{
    /// <summary>The case.</summary>
    public GatewayCase Case { get; } = gatewayCase;

    /// <summary>The timed rounds.</summary>
    public List<GatewayRound> Rounds { get; } = [];

    /// <summary>Median calls per second over rounds.</summary>
    public double MedianCallsPerSecond => Statistics.Median(Rounds.Select(static r => r.CallsPerSecond));

    /// <summary>Slowest round.</summary>
    public double MinCallsPerSecond => Rounds.Min(static r => r.CallsPerSecond);

    /// <summary>Fastest round.</summary>
    public double MaxCallsPerSecond => Rounds.Max(static r => r.CallsPerSecond);

    /// <summary>Latency from start, all calls of all rounds.</summary>
    public LatencySnapshot Latency => LatencySnapshot.MergeAll(Rounds.Select(static r => r.Load.Latency));

    /// <summary>Latency from the due time (paced), all calls of all rounds.</summary>
    public LatencySnapshot ScheduleLatency => LatencySnapshot.MergeAll(Rounds.Select(static r => r.Load.ScheduleLatency));

    /// <summary>Due to start (paced), all calls of all rounds.</summary>
    public LatencySnapshot PacingLag => LatencySnapshot.MergeAll(Rounds.Select(static r => r.Load.PacingLag));

    /// <summary>Median bench CPU per call.</summary>
    public double MedianClientCpu => Statistics.Median(Rounds.Select(static r => r.ClientCpuMicrosecondsPerCall));

    /// <summary>Median server CPU per call.</summary>
    public double MedianServerCpu => Statistics.Median(Rounds.Select(static r => r.ServerCpuMicrosecondsPerCall));

    /// <summary>Median machine busy share.</summary>
    public double MedianMachineBusy => Statistics.Median(Rounds.Select(static r => r.MachineBusy));

    /// <summary>The paced schedule's rate.</summary>
    public double OfferedRate => Rounds.Count == 0 ? 0 : Rounds[0].Load.OfferedRate;

    /// <summary>Skipped paced calls over all rounds.</summary>
    public long Skipped => Rounds.Sum(static r => r.Load.Skipped);
}
