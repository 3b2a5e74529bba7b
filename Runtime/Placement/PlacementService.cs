using GameCluster.Membership;
using GameCluster.Metadata;
using GameCluster.Runtime;

namespace GameCluster.Placement;

/// <summary>Picks the silo for a grain that has no activation, by the strategy of its class.</summary>
internal sealed class PlacementService(MembershipService membership, SiloStatistics statistics, IServiceProvider services)
{
    public SiloAddress Pick(GrainClassInfo grainClass, GrainId grainId)
    {
        var candidates = membership.View.ActiveSilos.OrderBy(static s => s.ToString(), StringComparer.Ordinal).ToList();
        if (candidates.Count == 0)
        {
            throw new SiloUnavailableException($"No active silo can take grain {grainId}.");
        }

        var local = services.GetService(typeof(LocalSilo)) is LocalSilo { IsBound: true } localSilo ? localSilo.Address : null;
        var catalog = (Catalog?)services.GetService(typeof(Catalog));
        return grainClass.Placement switch
        {
            PlacementStrategies.PreferLocal when local is not null && candidates.Contains(local) => local,
            PlacementStrategies.HashBased => candidates[(int)(grainId.GetUniformHashCode() % (uint)candidates.Count)],
            PlacementStrategies.LeastActivations => candidates.MinBy(s => s == local && catalog is not null ? catalog.Count : statistics.ActivationsOf(s))!,
            _ => candidates[Random.Shared.Next(candidates.Count)],
        };
    }
}
