namespace GameCluster;

/// <summary>A process outside the silos that calls grains and hosts observers for them (a gateway, a bot, a test).</summary>
public interface IClusterClient : IGrainFactory
{
    /// <summary>This client's id, unique in the cluster.</summary>
    string ClientId { get; }

    /// <summary>Hosts <paramref name="observer"/> and returns a reference that grains can call.</summary>
    TObserverInterface CreateObjectReference<TObserverInterface>(IGrainObserver observer) where TObserverInterface : IGrainObserver;

    /// <summary>Stops hosting the observer behind <paramref name="reference"/>.</summary>
    void DeleteObjectReference(IGrainObserver reference);
}
