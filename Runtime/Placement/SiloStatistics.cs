using System.Collections.Concurrent;
using GameCluster.Membership;

namespace GameCluster.Placement;

/// <summary>Activation counts of the silos, as reported in their probe answers; used by least-activations placement.</summary>
internal sealed class SiloStatistics
{
    private readonly ConcurrentDictionary<SiloAddress, int> _activations = new();

    public void Record(SiloAddress silo, int activations) => _activations[silo] = activations;

    public int ActivationsOf(SiloAddress silo) => _activations.GetValueOrDefault(silo);
}
