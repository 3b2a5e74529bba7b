using GameCluster.Invocation;
using GameCluster.Messaging;

namespace GameCluster.Client;

/// <summary>On a client, requests that arrive from silos are observer calls.</summary>
internal sealed class ClientRequestHandler(ObserverRegistry observers) : IIncomingRequestHandler
{
    public void Handle(RequestBase request)
    {
        if (request.TargetId.Type == ObserverRegistry.GrainType)
        {
            observers.Invoke(request);
            return;
        }

        request.Fail(new NotSupportedException($"A client hosts only observers; it cannot run {request.TargetId}."));
    }
}
