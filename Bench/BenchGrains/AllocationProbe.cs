using System.Runtime;

namespace GameCluster.Bench.Grains;

/// <summary>
/// Counts the bytes a silo process allocates between <see cref="Begin"/> and <see cref="End"/>, exactly: inside a
/// no-GC region (under Server GC with DATAS <see cref="GC.GetTotalAllocatedBytes"/> is not monotonic across GCs,
/// dotnet/runtime#131069; inside the region no GC can happen). Process-wide: only one count at a time.
/// </summary>
public static class AllocationProbe
{
    private const long BudgetBytes = 256L * 1024 * 1024;
    private static readonly Lock Gate = new();
    private static long _before = -1;

    /// <summary>Collects, enters a no-GC region and notes the allocated bytes; false when the region could not be started.</summary>
    public static bool Begin()
    {
        lock (Gate)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion || !GC.TryStartNoGCRegion(BudgetBytes))
            {
                _before = -1;
                return false;
            }

            _before = GC.GetTotalAllocatedBytes(precise: true);
            return true;
        }
    }

    /// <summary>The bytes allocated since <see cref="Begin"/>, or -1 when the region was lost (a GC happened) or never started.</summary>
    public static long End()
    {
        lock (Gate)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - _before;
            var valid = _before >= 0 && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;
            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }

            _before = -1;
            return valid ? allocated : -1;
        }
    }
}
