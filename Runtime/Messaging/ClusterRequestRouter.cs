using GameCluster.GrainDirectory;
using GameCluster.Invocation;
using GameCluster.Membership;
using GameCluster.Metadata;
using GameCluster.Placement;
using GameCluster.Runtime;
using Microsoft.Extensions.Logging;

namespace GameCluster.Messaging;

/// <summary>
/// Routes requests in a cluster: to a local activation when there is one, else to the silo the directory names
/// (cached), else to the silo placement picks, which registers the activation. A call made through a grain reference
/// first tries the route its previous call took (<see cref="CachedRoute"/>). A request turned away by a silo
/// (stopping, or the grain lives elsewhere) is routed again a few times before it fails.
/// </summary>
internal sealed partial class ClusterRequestRouter(
    GrainManifest manifest,
    GrainLocator locator,
    PlacementService placement,
    ConnectionManager connections,
    ObserverRegistry observers,
    IServiceProvider services,
    ILogger<ClusterRequestRouter> logger) : IRequestRouter, IRejectionHandler
{
    private const int MaxReroutes = 5;
    private readonly Catalog? _catalog = (Catalog?)services.GetService(typeof(Catalog));
    private SiloAddress? _localSilo;

    public void Route(RequestBase request) => RouteCore(request, target: null);

    public void Route(RequestBase request, GrainReference target)
    {
        if (target.LastRoute is { } route)
        {
            if (route.Activation is { } activation)
            {
                if (activation.TryEnqueue(request))
                {
                    return;
                }
            }
            else if (locator.IsCurrent(route))
            {
                SendTo(route.Entry!.Address.Silo, request);
                return;
            }

            target.LastRoute = null;
        }

        RouteCore(request, target);
    }

    private void RouteCore(RequestBase request, GrainReference? target)
    {
        var grainId = request.TargetId;
        if (grainId.Type == ObserverRegistry.GrainType)
        {
            RouteToObserver(request);
            return;
        }

        var grainClass = manifest.GetGrainClass(grainId.Type);
        if (_catalog is { } catalog && (grainClass is null || grainClass.IsStatelessWorker))
        {
            catalog.Dispatch(request);
            return;
        }

        if (_catalog?.Find(grainId) is { Status: not ActivationStatus.Invalid } activation)
        {
            if (target is not null)
            {
                target.LastRoute = CachedRoute.ToActivation(activation);
            }

            _catalog.Dispatch(request);
            return;
        }

        if (grainClass is null)
        {
            request.Fail(new ArgumentException($"No grain class has grain type '{grainId.Type}' (grain {grainId})."));
            return;
        }

        if (grainClass.IsStatelessWorker)
        {
            SendTo(placement.Pick(grainClass, grainId), request);
            return;
        }

        if (locator.TryGetCached(grainId, out var entry, out var view))
        {
            if (target is not null)
            {
                target.LastRoute = CachedRoute.ToSilo(entry, view);
            }

            SendTo(entry.Address.Silo, request);
            return;
        }

        _ = RouteAfterLookupAsync(request, grainClass);
    }

    public void OnRejected(RequestBase request, SiloAddress rejectedBy, SiloAddress? hint, Exception error, bool explicitRejection)
    {
        locator.Invalidate(request.TargetId);
        request.TargetSilo = null;
        request.RejectedBy = explicitRejection ? rejectedBy : null;
        if (++request.RetryCount > MaxReroutes)
        {
            request.Fail(error);
            return;
        }

        LogRerouting(logger, request.TargetId, rejectedBy, hint);
        if (hint is not null)
        {
            locator.Cache(new GrainAddress(request.TargetId, hint, string.Empty));
        }

        if (request.TimeoutTracker is { } tracker)
        {
            tracker.Track(request);
        }

        Route(request);
    }

    /// <inheritdoc />
    public void Forward(RequestBase request, GrainAddress winner)
    {
        locator.Cache(winner);
        if (request.ResponseConnection is { } origin && request.Metadata.IsOneWay)
        {
            // Nobody waits for an answer: carry the call to the winner instead of turning it away.
            request.ResponseConnection = null;
            SendTo(winner.Silo, request);
            return;
        }

        if (request.ResponseConnection is { } caller)
        {
            caller.Send(new OutboundMessage(MessageKind.Error, request, new SiloUnavailableException($"{request.TargetId} is active on {winner.Silo}."), request.CorrelationId, winner.Silo));
            return;
        }

        SendTo(winner.Silo, request);
    }

    private async Task RouteAfterLookupAsync(RequestBase request, GrainClassInfo grainClass)
    {
        try
        {
            var address = await locator.LookupAsync(request.TargetId, CancellationToken.None);
            if (address is not null && address.Silo == request.RejectedBy)
            {
                // That silo answered that it has no activation of this grain: its entry is stale.
                await locator.RemoveStaleAsync(address, CancellationToken.None);
                address = null;
            }

            if (request.RetryCount > 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(25 * request.RetryCount));
            }

            if (address is null)
            {
                // Remember the placement: the chosen silo registers the activation, or turns the call away with the
                // winner's address if another silo won the race.
                address = new GrainAddress(request.TargetId, placement.Pick(grainClass, request.TargetId), string.Empty);
                locator.Cache(address);
            }

            SendTo(address.Silo, request);
        }
        catch (Exception exception)
        {
            request.Fail(exception);
        }
    }

    private void RouteToObserver(RequestBase request)
    {
        var clientId = ObserverRegistry.ClientIdOf(request.TargetId);
        if (observers.ClientId == clientId)
        {
            observers.Invoke(request);
            return;
        }

        if (connections.FindClient(clientId) is not { } connection)
        {
            request.Fail(new ClientNotConnectedException($"Client {clientId} is not connected to this silo; observer {request.TargetId} cannot be called."));
            return;
        }

        connection.Send(new OutboundMessage(request.Metadata.IsOneWay ? MessageKind.OneWayRequest : MessageKind.Request, request, CorrelationId: request.CorrelationId));
    }

    private void SendTo(SiloAddress silo, RequestBase request)
    {
        if (silo == LocalSiloAddress && _catalog is { } catalog)
        {
            catalog.Dispatch(request);
            return;
        }

        try
        {
            connections.SendRequest(silo, request);
        }
        catch (Exception exception)
        {
            request.Fail(exception);
        }
    }

    private SiloAddress? LocalSiloAddress => _localSilo ??= services.GetService(typeof(LocalSilo)) is LocalSilo { IsBound: true } local ? local.Address : null;

    [LoggerMessage(EventId = 4400, Level = LogLevel.Debug, Message = "Routing {GrainId} again: silo {RejectedBy} turned it away (hint {Hint})")]
    private static partial void LogRerouting(ILogger logger, GrainId grainId, SiloAddress rejectedBy, SiloAddress? hint);
}
