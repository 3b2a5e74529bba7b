using GameCluster.Invocation;
using GameCluster.Membership;

namespace GameCluster.Messaging;

/// <summary>Decides what happens to a request that a silo turned away (it is stopping, or the grain lives elsewhere).</summary>
internal interface IRejectionHandler
{
    /// <param name="request">The request to route again.</param>
    /// <param name="rejectedBy">The silo it was meant for.</param>
    /// <param name="hint">Where the grain lives, when the silo said so.</param>
    /// <param name="error">The error to fail with once retries are used up.</param>
    /// <param name="explicitRejection">The silo itself answered that it has no activation (not merely a lost connection).</param>
    void OnRejected(RequestBase request, SiloAddress rejectedBy, SiloAddress? hint, Exception error, bool explicitRejection);
}
