using System.Diagnostics;
using System.Diagnostics.Metrics;
using GameCluster.Invocation;

namespace GameCluster.Diagnostics;

/// <summary>Grain call and activation metrics, and the spans of grain calls.</summary>
public sealed class GrainInstruments
{
    /// <summary>The meter's name, for OpenTelemetry registration.</summary>
    public const string MeterName = "GameCluster.Runtime";

    /// <summary>The activity source's name, for OpenTelemetry registration.</summary>
    public const string ActivitySourceName = "GameCluster.Runtime";

    private readonly ActivitySource _activitySource = new(ActivitySourceName);
    private readonly Counter<long> _callsSent;
    private readonly Counter<long> _callsHandled;
    private readonly Counter<long> _callFailures;
    private readonly Histogram<double> _callDuration;
    private readonly UpDownCounter<long> _activations;
    private readonly UpDownCounter<long> _waitingRequests;
    private readonly Counter<long> _callsRefused;
    private long _activationCount;
    private long _handledCount;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public GrainInstruments(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _callsSent = meter.CreateCounter<long>("gamecluster.grain.calls.sent", "{call}", "Grain calls sent from this silo.");
        _callsHandled = meter.CreateCounter<long>("gamecluster.grain.calls.handled", "{call}", "Grain calls run by activations on this silo.");
        _callFailures = meter.CreateCounter<long>("gamecluster.grain.calls.failed", "{call}", "Grain calls that ended with an exception.");
        _callDuration = meter.CreateHistogram<double>("gamecluster.grain.call.duration", "ms", "Time from sending a call to its completion on the activation.");
        _activations = meter.CreateUpDownCounter<long>("gamecluster.grain.activations", "{activation}", "Live activations by grain type.");
        _waitingRequests = meter.CreateUpDownCounter<long>("gamecluster.grain.requests.waiting", "{request}", "Requests waiting in this silo's activation queues.");
        _callsRefused = meter.CreateCounter<long>("gamecluster.grain.calls.refused", "{call}", "Calls refused because too many requests were waiting, by limit (grain or silo).");
    }

    /// <summary>Live activations.</summary>
    public long ActivationCount => Interlocked.Read(ref _activationCount);

    /// <summary>Calls run by activations since start.</summary>
    public long HandledCount => Interlocked.Read(ref _handledCount);

    internal void CallSent()
    {
        if (_callsSent.Enabled)
        {
            _callsSent.Add(1);
        }
    }

    internal void RecordCall(RequestBase request)
    {
        Interlocked.Increment(ref _handledCount);
        if (_callsHandled.Enabled)
        {
            _callsHandled.Add(1, new KeyValuePair<string, object?>("grain.type", request.TargetId.Type));
        }

        if (_callDuration.Enabled && request.StartTimestamp != 0)
        {
            _callDuration.Record(Stopwatch.GetElapsedTime(request.StartTimestamp).TotalMilliseconds, new KeyValuePair<string, object?>("grain.type", request.TargetId.Type));
        }
    }

    internal void CallFailed(RequestBase request)
    {
        if (_callFailures.Enabled)
        {
            _callFailures.Add(1, new KeyValuePair<string, object?>("grain.type", request.TargetId.Type));
        }
    }

    internal void ActivationAdded(string grainType)
    {
        Interlocked.Increment(ref _activationCount);
        if (_activations.Enabled)
        {
            _activations.Add(1, new KeyValuePair<string, object?>("grain.type", grainType));
        }
    }

    internal void ActivationRemoved(string grainType)
    {
        Interlocked.Decrement(ref _activationCount);
        if (_activations.Enabled)
        {
            _activations.Add(-1, new KeyValuePair<string, object?>("grain.type", grainType));
        }
    }

    internal void RequestsWaiting(int delta)
    {
        if (_waitingRequests.Enabled)
        {
            _waitingRequests.Add(delta);
        }
    }

    internal void CallRefused(string limit)
    {
        if (_callsRefused.Enabled)
        {
            _callsRefused.Add(1, new KeyValuePair<string, object?>("limit", limit));
        }
    }

    internal Activity? StartServerActivity(RequestBase request)
    {
        if (request.IsSystemWork || !_activitySource.HasListeners())
        {
            return null;
        }

        var activity = _activitySource.StartActivity(
            ActivityNames.GrainCall,
            ActivityKind.Server,
            request.ParentActivity);
        if (activity is not null)
        {
            activity.DisplayName = $"{request.Metadata.InterfaceName}/{request.Metadata.MethodName}";
            activity.SetTag("rpc.system", "gamecluster");
            activity.SetTag("rpc.service", request.Metadata.InterfaceName);
            activity.SetTag("rpc.method", request.Metadata.MethodName);
            activity.SetTag("grain.id", request.TargetId.ToString());
        }

        return activity;
    }
}
