namespace GameCluster.Membership;

/// <summary>The version of the whole membership table; every row change also increments it (compare-and-swap).</summary>
/// <param name="Version">A counter that only grows.</param>
/// <param name="ETag">The storage's token for <paramref name="Version"/>.</param>
public sealed record TableVersion(long Version, string ETag)
{
    /// <summary>The next version, as a writer proposes it.</summary>
    public TableVersion Next() => this with { Version = Version + 1 };
}
