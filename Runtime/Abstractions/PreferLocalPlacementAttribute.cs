namespace GameCluster;

/// <summary>New activations go to the calling silo when it is active.</summary>
public sealed class PreferLocalPlacementAttribute() : PlacementAttribute(PlacementStrategies.PreferLocal);
