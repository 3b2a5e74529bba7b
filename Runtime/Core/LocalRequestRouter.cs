using GameCluster.Invocation;

namespace GameCluster.Runtime;

/// <summary>The router of a single silo: every grain runs here.</summary>
internal sealed class LocalRequestRouter(Catalog catalog) : IRequestRouter
{
    public void Route(RequestBase request) => catalog.Dispatch(request);

    public void Route(RequestBase request, GrainReference target) => catalog.Dispatch(request);

    public void Forward(RequestBase request, GrainDirectory.GrainAddress winner) => catalog.Dispatch(request);
}
