using GameCluster.Bench.Grains;

namespace GameCluster.Bench.CrossSilo;

/// <summary>One case of the cross-silo scenario: how a round is run and which two processes do the work.</summary>
/// <param name="Id">The id for <c>--case</c>.</param>
/// <param name="Name">A short name for tables.</param>
/// <param name="Kind"><c>grain</c> or <c>tcp</c>.</param>
/// <param name="InFlight">Calls in flight (closed loop) or the in-flight limit (paced).</param>
/// <param name="IsPaced">Whether the round is a paced open loop.</param>
/// <param name="CallerCpu">Processor time used so far by the process that makes the calls.</param>
/// <param name="CalleeCpu">Processor time used so far by the process that answers them.</param>
/// <param name="CallerGc">The calling process's GC counters now.</param>
/// <param name="CalleeGc">The answering process's GC counters now, or <see langword="null"/> when not available (the echo server).</param>
/// <param name="MeasureAllocationAsync">
/// A short closed-loop run (the given length) with exact allocation counts: calls, bytes the caller process allocated,
/// bytes the callee process allocated (-1 when a count failed; <see langword="null"/> when not measured); or
/// <see langword="null"/> for a case that does not measure allocations.
/// </param>
/// <param name="RunRoundAsync">Runs one round of the given length where the calls are made, and returns its measurements.</param>
public sealed record LoadCase(
    string Id,
    string Name,
    string Kind,
    int InFlight,
    bool IsPaced,
    Func<TimeSpan> CallerCpu,
    Func<TimeSpan> CalleeCpu,
    Func<Task<ProcessStats>> CallerGc,
    Func<Task<ProcessStats?>> CalleeGc,
    Func<TimeSpan, Task<(long Calls, long CallerBytes, long? CalleeBytes)>>? MeasureAllocationAsync,
    Func<TimeSpan, Task<LoadRoundResult>> RunRoundAsync);
