using GameCluster.Messaging;

namespace GameCluster.Client;

/// <summary>The cluster client: grain references (routed by the client itself) and observers.</summary>
internal sealed class ClusterClient(IGrainFactory grainFactory, ObserverRegistry observers) : IClusterClient
{
    public string ClientId => observers.ClientId ?? throw new InvalidOperationException("The cluster client has not started.");

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey => grainFactory.GetGrain<TGrainInterface>(primaryKey);

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey) where TGrainInterface : IGrainWithGuidKey => grainFactory.GetGrain<TGrainInterface>(primaryKey);

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey) where TGrainInterface : IGrainWithIntegerKey => grainFactory.GetGrain<TGrainInterface>(primaryKey);

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension) where TGrainInterface : IGrainWithGuidCompoundKey =>
        grainFactory.GetGrain<TGrainInterface>(primaryKey, keyExtension);

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension) where TGrainInterface : IGrainWithIntegerCompoundKey =>
        grainFactory.GetGrain<TGrainInterface>(primaryKey, keyExtension);

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IAddressable => grainFactory.GetGrain<TGrainInterface>(grainId);

    public TObserverInterface CreateObjectReference<TObserverInterface>(IGrainObserver observer) where TObserverInterface : IGrainObserver
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (observer is not TObserverInterface)
        {
            throw new ArgumentException($"{observer.GetType()} does not implement {typeof(TObserverInterface)}.", nameof(observer));
        }

        return grainFactory.GetGrain<TObserverInterface>(observers.Register(observer));
    }

    public void DeleteObjectReference(IGrainObserver reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        observers.Unregister(reference.GetGrainId());
    }
}
