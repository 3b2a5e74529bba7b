namespace GameCluster.Bench.Calls;

/// <summary>What one timed round of one case measured.</summary>
/// <param name="Round">The round number, from 1.</param>
/// <param name="Calls">Completed calls.</param>
/// <param name="Elapsed">From the callers' start to the last caller's last call.</param>
/// <param name="CpuTime">Processor time of the whole process during the round (all threads, GC included).</param>
/// <param name="Gen0Collections">Gen 0 collections during the round.</param>
/// <param name="Gen2Collections">Gen 2 collections during the round.</param>
public readonly record struct RoundResult(int Round, long Calls, TimeSpan Elapsed, TimeSpan CpuTime, int Gen0Collections, int Gen2Collections)
{
    /// <summary>Calls per second.</summary>
    public double CallsPerSecond => Calls / Elapsed.TotalSeconds;

    /// <summary>Processor time per call, in microseconds.</summary>
    public double CpuMicrosecondsPerCall => Calls == 0 ? 0 : CpuTime.TotalMicroseconds / Calls;
}
