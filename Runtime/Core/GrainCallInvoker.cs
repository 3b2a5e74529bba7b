using System.Diagnostics;
using GameCluster.Diagnostics;
using GameCluster.Invocation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GameCluster.Runtime;

/// <summary>
/// Sends grain calls on a silo: stamps each call with its caller, call chain, request context and deadline, copies
/// mutable arguments, runs outgoing filters and hands the call to the catalog.
/// </summary>
internal sealed partial class GrainCallInvoker : IGrainCallInvoker
{
    private readonly IRequestRouter _router;
    private readonly IServiceProvider _services;
    private readonly IOutgoingGrainCallFilter[] _outgoingFilters;
    private readonly CallTimeoutTracker _timeouts;
    private readonly GrainInstruments _instruments;
    private readonly ILogger _logger;
    private readonly long _timeoutTicks;
    private long _nextCorrelationId;
    private IGrainFactory? _grainFactory;

    public GrainCallInvoker(
        IRequestRouter router,
        IServiceProvider services,
        IEnumerable<IOutgoingGrainCallFilter> outgoingFilters,
        IOptions<GrainCallOptions> options,
        CallTimeoutTracker timeouts,
        GrainInstruments instruments,
        ILogger<GrainCallInvoker> logger)
    {
        _router = router;
        _services = services;
        _outgoingFilters = [.. outgoingFilters];
        _instruments = instruments;
        _logger = logger;
        _timeoutTicks = (long)(options.Value.ResponseTimeout.TotalSeconds * Stopwatch.Frequency);
        _timeouts = timeouts;
    }

    public IGrainFactory GrainFactory => _grainFactory ??= _services.GetRequiredService<IGrainFactory>();

    public int PendingCalls => _timeouts.PendingCount;

    public Task<TResult> InvokeAsync<TResult>(GrainReference target, Request<TResult> request)
    {
        try
        {
            Prepare(target, request);
        }
        catch (Exception exception)
        {
            return Task.FromException<TResult>(exception);
        }

        return _outgoingFilters.Length > 0 ? SendThroughFilters(target, request) : Send(target, request);
    }

    public void InvokeOneWay(GrainReference target, RequestBase request)
    {
        Prepare(target, request);
        _router.Route(request, target);
    }

    // A method of its own: the lambda's closure would otherwise be allocated on every call, filters or not.
    private Task<TResult> SendThroughFilters<TResult>(GrainReference target, Request<TResult> request) =>
        new OutgoingCallContext<TResult>(request, _outgoingFilters, filtered => Send(target, filtered)).InvokeAndGetResultAsync();

    private Task<TResult> Send<TResult>(GrainReference target, Request<TResult> request)
    {
        var completion = request.CreateCompletion();
        _timeouts.Track(request);
        _router.Route(request, target);
        return completion;
    }

    private void Prepare(GrainReference target, RequestBase request)
    {
        var now = Stopwatch.GetTimestamp();
        request.TargetId = target.GrainId;
        request.CorrelationId = Interlocked.Increment(ref _nextCorrelationId);
        request.StartTimestamp = now;
        request.DeadlineTimestamp = now + _timeoutTicks;
        request.ContextValues = RequestContext.Capture();
        request.ParentActivity = Activity.Current?.Context ?? default;
        if (RuntimeContext.CurrentActivation is { } caller)
        {
            request.SourceId = caller.GrainId;

            // A one-way call is not waited for, so it cannot be part of a wait cycle.
            if (!request.Metadata.IsOneWay)
            {
                request.CallChain = RuntimeContext.CurrentRequest is { } current
                    ? current.OutgoingCallChain(caller.GrainId)
                    : caller.OutgoingCallChain;
            }
        }

        if (request.ArgumentsRequireCopy)
        {
            request.CopyArguments();
        }

        _instruments.CallSent();
    }
}
