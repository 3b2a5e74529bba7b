namespace GameCluster;

/// <summary>Marker for anything that can be addressed by a <see cref="GrainId"/>: grains and grain references.</summary>
public interface IAddressable;
