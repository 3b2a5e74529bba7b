namespace GameCluster.Invocation;

/// <summary>Sends grain calls made through grain references.</summary>
public interface IGrainCallInvoker
{
    /// <summary>Creates references, for casts between grain interfaces.</summary>
    IGrainFactory GrainFactory { get; }

    /// <summary>Sends a call and returns its eventual result.</summary>
    Task<TResult> InvokeAsync<TResult>(GrainReference target, Request<TResult> request);

    /// <summary>Sends a call without waiting for it.</summary>
    void InvokeOneWay(GrainReference target, RequestBase request);
}
