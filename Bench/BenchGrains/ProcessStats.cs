namespace GameCluster.Bench.Grains;

/// <summary>Garbage collection counters of one process, read by a grain in a silo process or by the bench itself.</summary>
/// <param name="Gen0">Gen 0 collections so far.</param>
/// <param name="Gen1">Gen 1 collections so far.</param>
/// <param name="Gen2">Gen 2 collections so far.</param>
/// <param name="PauseMilliseconds">Total time the GC has paused the process so far.</param>
[GenerateSerializer]
[Immutable]
public sealed record ProcessStats(
    [property: Id(0)] int Gen0,
    [property: Id(1)] int Gen1,
    [property: Id(2)] int Gen2,
    [property: Id(3)] double PauseMilliseconds)
{
    /// <summary>This process's counters now.</summary>
    public static ProcessStats Capture() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration().TotalMilliseconds);

    /// <summary>What happened between <paramref name="before"/> and this reading.</summary>
    public ProcessStats Since(ProcessStats before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return new(Gen0 - before.Gen0, Gen1 - before.Gen1, Gen2 - before.Gen2, PauseMilliseconds - before.PauseMilliseconds);
    }
}
