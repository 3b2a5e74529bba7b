namespace GameCluster;

/// <summary>Marker for grain interfaces. Use one of the keyed variants, such as <see cref="IGrainWithStringKey"/>.</summary>
public interface IGrain : IAddressable;
