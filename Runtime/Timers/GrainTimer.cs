using GameCluster.Runtime;

namespace GameCluster.Timers;

/// <summary>
/// A timer owned by an activation. Each tick is queued to the activation like a request, so it runs one turn at a
/// time with the grain's requests (unless it interleaves); the next tick is armed after the callback completes.
/// </summary>
internal sealed class GrainTimer<TState> : IGrainTimer, IGrainTimerInternal
{
    private readonly ActivationData _activation;
    private readonly Func<TState, CancellationToken, Task> _callback;
    private readonly TState _state;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _stopped = new();
    private TimeSpan _dueTime;
    private TimeSpan _period;
    private int _stoppedFlag;

    public GrainTimer(ActivationData activation, TimeProvider timeProvider, Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        Validate(options.DueTime, options.Period);
        _activation = activation;
        _callback = callback;
        _state = state;
        _dueTime = options.DueTime;
        _period = options.Period;
        Interleave = options.Interleave;
        KeepAlive = options.KeepAlive;
        using (ExecutionContext.SuppressFlow())
        {
            _timer = timeProvider.CreateTimer(static s => ((GrainTimer<TState>)s!).OnFired(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    public bool Interleave { get; }

    public bool KeepAlive { get; }

    private bool IsStopped => Volatile.Read(ref _stoppedFlag) != 0;

    public void Start() => _timer.Change(_dueTime, Timeout.InfiniteTimeSpan);

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, period);
        _dueTime = dueTime;
        _period = period;
        if (!IsStopped)
        {
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    public async Task RunTickAsync()
    {
        if (IsStopped)
        {
            return;
        }

        try
        {
            await _callback(_state, _stopped.Token);
        }
        finally
        {
            if (!IsStopped && _period != Timeout.InfiniteTimeSpan)
            {
                _timer.Change(_period, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose()
    {
        Stop();
        _activation.RemoveTimer(this);
    }

    public void Stop()
    {
        if (Interlocked.Exchange(ref _stoppedFlag, 1) != 0)
        {
            return;
        }

        _timer.Dispose();

        // Not disposed: a callback still running may hold the token.
        try
        {
            _stopped.Cancel(throwOnFirstException: false);
        }
        catch (AggregateException)
        {
            // A callback registered on the token threw; the timer is stopped regardless.
        }
    }

    private static void Validate(TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "The due time must be zero or more, or infinite.");
        }

        if (period <= TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The period must be positive, or infinite for a one-shot timer.");
        }
    }

    private void OnFired()
    {
        if (IsStopped)
        {
            return;
        }

        if (!_activation.TryEnqueue(new TimerTickRequest(this)))
        {
            Stop();
        }
    }
}
