using GameCluster.Invocation;

namespace GameCluster.Runtime;

/// <summary>Decides where a request runs: on this silo's catalog, or on another silo over the network.</summary>
internal interface IRequestRouter
{
    /// <summary>Sends the request towards its grain's activation; failures complete the request.</summary>
    void Route(RequestBase request);

    /// <summary>
    /// Sends a call made through <paramref name="target"/>: as <see cref="Route(RequestBase)"/>, but taking and keeping
    /// the reference's <see cref="GrainReference.LastRoute"/> where the router has cheaper routes to remember.
    /// </summary>
    void Route(RequestBase request, GrainReference target);

    /// <summary>Sends a request whose local activation lost the directory race to the activation that won it.</summary>
    void Forward(RequestBase request, GrainDirectory.GrainAddress winner);
}
