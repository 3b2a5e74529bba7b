namespace GameCluster;

/// <summary>
/// Marker for interfaces of client-side objects that grains call back (observers). Create a reference with
/// <c>IClusterClient.CreateObjectReference</c> and pass it to a grain.
/// </summary>
public interface IGrainObserver : IAddressable;
