namespace GameCluster.Bench.Grains;

/// <summary>What one timed round of a load loop measured, where the calls were made.</summary>
/// <param name="Calls">Completed calls (a failed call is not counted here).</param>
/// <param name="Errors">Calls that failed or answered a wrong value.</param>
/// <param name="Skipped">Paced calls that were due but not started because the in-flight limit was reached (0 in a closed loop).</param>
/// <param name="ElapsedSeconds">From the start of the round to the last call's completion.</param>
/// <param name="Latency">Per call, from the moment it was started to its completion.</param>
/// <param name="ScheduleLatency">
/// Per call, from the moment it was due to its completion: in a paced (open) loop this includes any delay in starting
/// it (timer granularity, a busy caller), so a stall is not hidden (no coordinated omission); in a closed loop the call
/// is due when it starts, so this equals <paramref name="Latency"/>.
/// </param>
/// <param name="OfferedRate">The schedule's calls per second in a paced loop; 0 in a closed loop.</param>
/// <param name="FirstError">The first failure's description, or <see langword="null"/>.</param>
/// <param name="PacingLag">
/// Per call of a paced loop, from the moment it was due to the moment it was started (timer granularity and a late
/// pacing loop); empty in a closed loop.
/// </param>
[GenerateSerializer]
[Immutable]
public sealed record LoadRoundResult(
    [property: Id(0)] long Calls,
    [property: Id(1)] long Errors,
    [property: Id(2)] long Skipped,
    [property: Id(3)] double ElapsedSeconds,
    [property: Id(4)] LatencySnapshot Latency,
    [property: Id(5)] LatencySnapshot ScheduleLatency,
    [property: Id(6)] double OfferedRate,
    [property: Id(7)] string? FirstError,
    [property: Id(8)] LatencySnapshot PacingLag)
{
    /// <summary>Completed calls per second.</summary>
    public double CallsPerSecond => ElapsedSeconds <= 0 ? 0 : Calls / ElapsedSeconds;
}
