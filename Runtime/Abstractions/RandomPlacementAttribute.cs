namespace GameCluster;

/// <summary>New activations go to a random active silo (the default).</summary>
public sealed class RandomPlacementAttribute() : PlacementAttribute(PlacementStrategies.Random);
