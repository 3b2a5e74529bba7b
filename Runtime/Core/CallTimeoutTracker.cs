using System.Collections.Concurrent;
using System.Diagnostics;
using GameCluster.Invocation;

namespace GameCluster.Runtime;

/// <summary>
/// Fails calls whose deadline passed without a response. One periodic scan serves every pending call, so a call
/// costs a dictionary insert and remove rather than a timer.
/// </summary>
internal sealed class CallTimeoutTracker : IDisposable
{
    private readonly ConcurrentDictionary<long, RequestBase> _pending = new();
    private readonly ITimer _timer;

    public CallTimeoutTracker(TimeProvider timeProvider, Microsoft.Extensions.Options.IOptions<GrainCallOptions> options)
        : this(timeProvider, options.Value.ResponseTimeout)
    {
    }

    public CallTimeoutTracker(TimeProvider timeProvider, TimeSpan responseTimeout)
    {
        var scanPeriod = TimeSpan.FromTicks(Math.Clamp(responseTimeout.Ticks / 4, TimeSpan.FromMilliseconds(20).Ticks, TimeSpan.FromSeconds(1).Ticks));
        _timer = timeProvider.CreateTimer(static state => ((CallTimeoutTracker)state!).Scan(), this, scanPeriod, scanPeriod);
    }

    public int PendingCount => _pending.Count;

    public void Track(RequestBase request)
    {
        request.TimeoutTracker = this;
        _pending[request.CorrelationId] = request;
    }

    public void Untrack(RequestBase request) => _pending.TryRemove(request.CorrelationId, out _);

    /// <summary>Takes the pending request a response answers; false when it already completed or timed out.</summary>
    public bool TryTake(long correlationId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RequestBase? request) =>
        _pending.TryRemove(correlationId, out request);

    /// <summary>Fails every pending request that was sent to <paramref name="silo"/>.</summary>
    public int FailPendingTo(Membership.SiloAddress silo, Func<Exception> error)
    {
        var failed = 0;
        foreach (var (id, request) in _pending)
        {
            if (request.TargetSilo == silo && _pending.TryRemove(id, out _))
            {
                request.Fail(error());
                failed++;
            }
        }

        return failed;
    }

    public void Dispose() => _timer.Dispose();

    private void Scan()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var (id, request) in _pending)
        {
            if (request.DeadlineTimestamp > now)
            {
                continue;
            }

            if (_pending.TryRemove(id, out _))
            {
                var waited = Stopwatch.GetElapsedTime(request.StartTimestamp, now);
                request.Fail(new GrainCallTimeoutException(
                    $"Call {request.Metadata.InterfaceName}.{request.Metadata.MethodName} to {request.TargetId} got no response within {waited.TotalSeconds:0.###} s."));
            }
        }
    }
}
