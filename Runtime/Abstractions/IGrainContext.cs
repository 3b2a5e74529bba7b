namespace GameCluster;

/// <summary>The runtime side of one grain activation, as seen by the grain.</summary>
public interface IGrainContext
{
    /// <summary>The grain's identity.</summary>
    GrainId GrainId { get; }

    /// <summary>Creates references to other grains.</summary>
    IGrainFactory GrainFactory { get; }

    /// <summary>The silo's services.</summary>
    IServiceProvider ActivationServices { get; }

    /// <summary>Deactivates the activation once the current request completes.</summary>
    void DeactivateOnIdle();

    /// <summary>Registers a timer that runs on the activation, one turn at a time with its requests.</summary>
    IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options);

    /// <summary>Binds a named persistent state; it is read before the grain's <c>OnActivateAsync</c>.</summary>
    IPersistentState<TState> GetPersistentState<TState>(string stateName, string? storageName, Func<TState> createDefault);

    /// <summary>A reference to this grain, typed as one of its grain interfaces.</summary>
    TGrainInterface AsReference<TGrainInterface>() where TGrainInterface : IAddressable;
}
