using System.Collections.Immutable;

namespace GameCluster.Membership;

/// <summary>This silo's latest view of the cluster; replaced as a whole on every change.</summary>
/// <param name="Version">The table version it was read at.</param>
/// <param name="Members">Every known silo and its status.</param>
public sealed record ClusterMembershipView(long Version, ImmutableDictionary<SiloAddress, MembershipStatus> Members)
{
    /// <summary>An empty view.</summary>
    public static ClusterMembershipView Empty { get; } = new(-1, ImmutableDictionary<SiloAddress, MembershipStatus>.Empty);

    /// <summary>Silos that serve grains.</summary>
    public IEnumerable<SiloAddress> ActiveSilos => Members.Where(static m => m.Value == MembershipStatus.Active).Select(static m => m.Key);

    /// <summary>The status of a silo, or <see langword="null"/> when this view has not seen it yet.</summary>
    public MembershipStatus? StatusOf(SiloAddress silo) => Members.TryGetValue(silo, out var status) ? status : null;

    /// <summary>
    /// Whether calls may still be sent to the silo: not declared dead, and not replaced by a newer generation on the
    /// same endpoint. A silo this view has not seen yet counts as usable (it may have joined since the last read).
    /// </summary>
    public bool IsUsable(SiloAddress silo) => StatusOf(silo) switch
    {
        MembershipStatus.Dead => false,
        null => !Members.Keys.Any(m => m.Endpoint == silo.Endpoint && m.Generation > silo.Generation),
        _ => true,
    };
}
