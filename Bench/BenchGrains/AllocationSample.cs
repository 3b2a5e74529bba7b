namespace GameCluster.Bench.Grains;

/// <summary>A short closed-loop run inside a no-GC region in the driver's silo.</summary>
/// <param name="Calls">Calls completed.</param>
/// <param name="AllocatedBytes">Bytes the driver's silo process allocated meanwhile, or -1 when a GC could not be avoided.</param>
[GenerateSerializer]
[Immutable]
public sealed record AllocationSample([property: Id(0)] long Calls, [property: Id(1)] long AllocatedBytes);
