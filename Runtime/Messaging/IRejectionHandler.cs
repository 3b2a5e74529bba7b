using GameCluster.Invocation;
using GameCluster.Membership;

namespace GameCluster.Messaging;

/// <summary>Decides what happens to a request that a silo turned away (it is stopping, or the grain lives elsewhere).</summary>
internal interface IRejectionHandler
{
    void OnRejected(RequestBase request, SiloAddress rejectedBy, SiloAddress? hint, Exception error);
}
