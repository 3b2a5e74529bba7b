namespace GameCluster.Runtime;

/// <summary>Where an activation is in its life.</summary>
internal enum ActivationStatus
{
    /// <summary>Constructing the grain, reading state, running <c>OnActivateAsync</c>; requests wait.</summary>
    Activating,

    /// <summary>Serving requests.</summary>
    Valid,

    /// <summary>Running <c>OnDeactivateAsync</c>; new requests wait and then go to a new activation.</summary>
    Deactivating,

    /// <summary>Gone; requests that reach it are routed again.</summary>
    Invalid,
}
