namespace GameCluster;

/// <summary>New activations go to the silo chosen by a stable hash of the grain id over the active silos.</summary>
public sealed class HashBasedPlacementAttribute() : PlacementAttribute(PlacementStrategies.HashBased);
