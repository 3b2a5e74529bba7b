namespace GameCluster.GrainDirectory;

/// <summary>
/// A grain address in a silo's locator cache. It is marked evicted once the cache drops or replaces it, so that a
/// route remembered elsewhere (on a grain reference) can tell it went stale without a lookup.
/// </summary>
internal sealed class LocatorEntry(GrainAddress address)
{
    private volatile bool _evicted;

    public GrainAddress Address { get; } = address;

    public bool IsEvicted => _evicted;

    public void Evict() => _evicted = true;
}
