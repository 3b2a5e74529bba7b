using GameCluster.Invocation;

namespace GameCluster.Messaging;

/// <summary>Runs requests that arrive over the network: the catalog on a silo, the observers on a client.</summary>
internal interface IIncomingRequestHandler
{
    void Handle(RequestBase request);
}
