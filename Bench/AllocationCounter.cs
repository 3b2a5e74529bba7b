using System.Runtime;

namespace GameCluster.Bench;

/// <summary>
/// Exact allocation counts. <see cref="GC.GetTotalAllocatedBytes"/> is not monotonic under Server GC with DATAS
/// (it sums only the currently active heaps, and DATAS changes the heap count at GCs; dotnet/runtime#131069), so
/// allocations are counted inside a no-GC region, where the heap count cannot change.
/// </summary>
public static class AllocationCounter
{
    /// <summary>
    /// Runs <paramref name="work"/> without any GC and returns the bytes it allocated, or <see langword="null"/> when it
    /// allocated more than <paramref name="budgetBytes"/> (the GC reserves the budget up front, so keep it small).
    /// </summary>
    public static async Task<long?> CountAllocatedBytesAsync(long budgetBytes, Func<Task> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        if (!GC.TryStartNoGCRegion(budgetBytes))
        {
            return null;
        }

        long allocated;
        try
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            await work();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        }
        finally
        {
            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }
            else
            {
                allocated = -1;
            }
        }

        return allocated >= 0 ? allocated : null;
    }
}
