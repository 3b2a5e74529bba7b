using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using GameCluster.Membership;
using GameCluster.Runtime;

namespace GameCluster.GrainDirectory;

/// <summary>
/// Finds where a grain's activation lives: a per-silo cache in front of the grain directory. Entries that point
/// at dead silos are dropped from the cache and removed from the directory. Every entry the cache drops or replaces is
/// marked evicted (<see cref="LocatorEntry"/>), which is what lets a <see cref="CachedRoute"/> skip the lookups.
/// </summary>
internal sealed class GrainLocator
{
    private readonly ConcurrentDictionary<GrainId, LocatorEntry> _cache = new();
    private readonly IGrainDirectory _directory;
    private readonly MembershipService _membership;

    public GrainLocator(IGrainDirectory directory, MembershipService membership)
    {
        _directory = directory;
        _membership = membership;
        membership.Changed += (_, view) => PurgeUnusable(view);
    }

    /// <summary>
    /// The cached entry naming a grain's silo, when there is one and the silo is usable in <paramref name="view"/> (the
    /// current view, which a <see cref="CachedRoute"/> built from the entry keeps).
    /// </summary>
    public bool TryGetCached(GrainId grainId, [NotNullWhen(true)] out LocatorEntry? entry, out ClusterMembershipView view)
    {
        view = _membership.View;
        if (_cache.TryGetValue(grainId, out entry) && view.IsUsable(entry.Address.Silo))
        {
            return true;
        }

        entry = null;
        return false;
    }

    /// <summary>
    /// Whether a route to a silo is still the one to take: its entry was neither dropped nor replaced, and membership
    /// has not published a new view since the silo was found usable.
    /// </summary>
    public bool IsCurrent(CachedRoute route) => route.Entry is { IsEvicted: false } && ReferenceEquals(route.View, _membership.View);

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

        Cache(address);
        return address;
    }

    public void Cache(GrainAddress address) =>
        _cache.AddOrUpdate(
            address.GrainId,
            static (_, entry) => entry,
            static (_, replaced, entry) =>
            {
                replaced.Evict();
                return entry;
            },
            new LocatorEntry(address));

    /// <summary>Removes a directory entry known to be stale (its silo turned the grain's calls away while stopping).</summary>
    public Task<bool> RemoveStaleAsync(GrainAddress address, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(address.GrainId, out var entry) && entry.Address == address)
        {
            Remove(address.GrainId, entry);
        }

        return _directory.UnregisterAsync(address, cancellationToken);
    }

    /// <summary>Whether the silo is leaving: it still answers, but activates nothing new.</summary>
    public bool IsLeaving(SiloAddress silo) => _membership.View.StatusOf(silo) is MembershipStatus.ShuttingDown or MembershipStatus.Dead;

    public void Invalidate(GrainId grainId)
    {
        if (_cache.TryRemove(grainId, out var entry))
        {
            entry.Evict();
        }
    }

    private void PurgeUnusable(ClusterMembershipView view)
    {
        foreach (var (grainId, entry) in _cache)
        {
            if (!view.IsUsable(entry.Address.Silo))
            {
                Remove(grainId, entry);
            }
        }
    }

    private void Remove(GrainId grainId, LocatorEntry entry)
    {
        if (_cache.TryRemove(KeyValuePair.Create(grainId, entry)))
        {
            entry.Evict();
        }
    }
}
