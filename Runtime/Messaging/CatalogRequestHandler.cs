using GameCluster.Invocation;
using GameCluster.Runtime;

namespace GameCluster.Messaging;

/// <summary>On a silo, requests that arrive from other processes run in the local catalog.</summary>
internal sealed class CatalogRequestHandler(Catalog catalog) : IIncomingRequestHandler
{
    public void Handle(RequestBase request) => catalog.Dispatch(request);
}
