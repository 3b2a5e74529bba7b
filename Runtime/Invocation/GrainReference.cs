using GameCluster.Runtime;

namespace GameCluster.Invocation;

/// <summary>
/// Base class of generated grain proxies. A reference is just an id and a way to send calls: creating one does no
/// I/O, and it can be passed to other grains and stored.
/// </summary>
public abstract class GrainReference : IAddressable, IEquatable<GrainReference>
{
    /// <summary>Creates a reference.</summary>
    protected GrainReference(IGrainCallInvoker invoker, GrainId grainId)
    {
        Invoker = invoker;
        GrainId = grainId;
    }

    /// <summary>The referenced grain.</summary>
    public GrainId GrainId { get; }

    /// <summary>The grain interface this reference implements.</summary>
    public abstract Type InterfaceType { get; }

    internal IGrainCallInvoker Invoker { get; }

    /// <summary>Where the last call through this reference went; the router checks it is still current before using it.</summary>
    internal CachedRoute? LastRoute { get; set; }

    /// <summary>The same grain through another of its interfaces.</summary>
    public TGrainInterface Cast<TGrainInterface>() where TGrainInterface : IAddressable =>
        this is TGrainInterface typed ? typed : Invoker.GrainFactory.GetGrain<TGrainInterface>(GrainId);

    /// <inheritdoc />
    public bool Equals(GrainReference? other) => other is not null && other.GrainId == GrainId;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is GrainReference other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => GrainId.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => $"{InterfaceType.Name}:{GrainId}";

    /// <summary>Sends a call; used by generated proxies.</summary>
    protected Task<TResult> InvokeAsync<TResult>(Request<TResult> request) => Invoker.InvokeAsync(this, request);

    /// <summary>Sends a one-way call; used by generated proxies.</summary>
    protected void InvokeOneWay(RequestBase request) => Invoker.InvokeOneWay(this, request);
}
