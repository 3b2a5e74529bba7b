using GameCluster.GrainDirectory;
using GameCluster.Membership;

namespace GameCluster.Runtime;

/// <summary>
/// Where the last call through a grain reference went, remembered on the reference so that the next call skips the
/// manifest, catalog, locator and membership lookups: either a local activation (usable while it accepts requests) or
/// a silo from the locator cache (usable while its entry is not evicted and the membership view it was checked against
/// is still the current one). Anything else takes the full route again, which remembers the new one.
/// </summary>
internal sealed class CachedRoute
{
    private CachedRoute(ActivationData? activation, LocatorEntry? entry, ClusterMembershipView? view)
    {
        Activation = activation;
        Entry = entry;
        View = view;
    }

    /// <summary>The local activation, for a route on this silo.</summary>
    public ActivationData? Activation { get; }

    /// <summary>The locator entry naming the silo, for a route to another silo.</summary>
    public LocatorEntry? Entry { get; }

    /// <summary>The membership view in which the silo was usable.</summary>
    public ClusterMembershipView? View { get; }

    public static CachedRoute ToActivation(ActivationData activation) => new(activation, null, null);

    public static CachedRoute ToSilo(LocatorEntry entry, ClusterMembershipView view) => new(null, entry, view);
}
