using GameCluster.Bench.Grains;

namespace GameCluster.Bench.CrossSilo;

/// <summary>One timed round of a case: what the load loop measured, and the processor time around it.</summary>
/// <param name="Round">The round number, from 1 (0 for warmup).</param>
/// <param name="Load">The load loop's own measurements.</param>
/// <param name="CallerCpu">Processor time of the calling process during the round.</param>
/// <param name="CalleeCpu">Processor time of the answering process during the round.</param>
/// <param name="MachineBusy">Share of the machine's processors that was busy (every process, the bench's and others').</param>
/// <param name="CallerGc">Collections and GC pauses of the calling process during the round.</param>
/// <param name="CalleeGc">Collections and GC pauses of the answering process during the round, when known.</param>
public sealed record LoadRound(int Round, LoadRoundResult Load, TimeSpan CallerCpu, TimeSpan CalleeCpu, double MachineBusy, ProcessStats CallerGc, ProcessStats? CalleeGc)
{
    /// <summary>Calls per second.</summary>
    public double CallsPerSecond => Load.CallsPerSecond;

    /// <summary>Caller processor time per call, in microseconds.</summary>
    public double CallerCpuMicrosecondsPerCall => Load.Calls == 0 ? double.NaN : CallerCpu.TotalMicroseconds / Load.Calls;

    /// <summary>Callee processor time per call, in microseconds.</summary>
    public double CalleeCpuMicrosecondsPerCall => Load.Calls == 0 ? double.NaN : CalleeCpu.TotalMicroseconds / Load.Calls;
}
