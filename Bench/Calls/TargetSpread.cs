namespace GameCluster.Bench.Calls;

/// <summary>
/// Where a caller starts in the target list: callers start evenly spread and then walk the targets round-robin,
/// so at any moment they mostly call different targets (as players call their own grains).
/// </summary>
public static class TargetSpread
{
    /// <summary>The first target index of <paramref name="caller"/>.</summary>
    public static int StartIndex(int caller, int callers, int targets) => (int)((long)caller * targets / callers % targets);
}
