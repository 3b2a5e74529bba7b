namespace GameCluster;

/// <summary>New activations go to the active silo with the fewest activations (as last reported by its probes).</summary>
public sealed class ActivationCountBasedPlacementAttribute() : PlacementAttribute(PlacementStrategies.LeastActivations);
