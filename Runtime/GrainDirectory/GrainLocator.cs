using System.Collections.Concurrent;
using GameCluster.Membership;

namespace GameCluster.GrainDirectory;

/// <summary>
/// Finds where a grain's activation lives: a per-silo cache in front of the grain directory. Entries that point
/// at dead silos are dropped from the cache and removed from the directory.
/// </summary>
internal sealed class GrainLocator
{
    private readonly ConcurrentDictionary<GrainId, GrainAddress> _cache = new();
    private readonly IGrainDirectory _directory;
    private readonly MembershipService _membership;

    public GrainLocator(IGrainDirectory directory, MembershipService membership)
    {
        _directory = directory;
        _membership = membership;
        membership.Changed += (_, view) => PurgeUnusable(view);
    }

    public bool TryGetCached(GrainId grainId, out GrainAddress address)
    {
        if (_cache.TryGetValue(grainId, out address!) && _membership.View.IsUsable(address.Silo))
        {
            return true;
        }

        address = null!;
        return false;
    }

    public async Task<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        var address = await _directory.LookupAsync(grainId, cancellationToken);
        if (address is null)
        {
            return null;
        }

        if (!_membership.View.IsUsable(address.Silo))
        {
            await _directory.UnregisterAsync(address, cancellationToken);
            return null;
        }

        _cache[grainId] = address;
        return address;
    }

    public void Cache(GrainAddress address) => _cache[address.GrainId] = address;

    /// <summary>Removes a directory entry known to be stale (its silo turned the grain's calls away while stopping).</summary>
    public Task<bool> RemoveStaleAsync(GrainAddress address, CancellationToken cancellationToken)
    {
        _cache.TryRemove(KeyValuePair.Create(address.GrainId, address));
        return _directory.UnregisterAsync(address, cancellationToken);
    }

    /// <summary>Whether the silo is leaving: it still answers, but activates nothing new.</summary>
    public bool IsLeaving(SiloAddress silo) => _membership.View.StatusOf(silo) is MembershipStatus.ShuttingDown or MembershipStatus.Dead;

    public void Invalidate(GrainId grainId) => _cache.TryRemove(grainId, out _);

    private void PurgeUnusable(ClusterMembershipView view)
    {
        foreach (var (grainId, address) in _cache)
        {
            if (!view.IsUsable(address.Silo))
            {
                _cache.TryRemove(KeyValuePair.Create(grainId, address));
            }
        }
    }
}
