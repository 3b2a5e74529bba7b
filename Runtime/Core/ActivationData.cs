using System.Diagnostics;
using GameCluster.Invocation;
using GameCluster.Metadata;
using GameCluster.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GameCluster.Runtime;

/// <summary>
/// One activation of a grain: the grain instance, its task scheduler and its mailbox. Requests run one at a time
/// unless the class is reentrant or the method may interleave; requests that cannot start wait in order.
/// </summary>
internal sealed partial class ActivationData : IGrainContext
{
    private static readonly Func<object?, Task> RunRequestCallback = static state =>
    {
        var request = (RequestBase)state!;
        return request.Activation!.RunRequestAsync(request);
    };

    private static readonly Func<object?, Task> ActivateCallback = static state => ((ActivationData)state!).ActivateAsync();
    private static readonly Func<object?, Task> DeactivateCallback = static state => ((ActivationData)state!).DeactivateCoreAsync();

    private readonly Lock _lock = new();
    private readonly Catalog _catalog;
    private Queue<RequestBase>? _waiting;
    private List<IGrainTimerInternal>? _timers;
    private List<IStateLoader>? _states;
    private TaskCompletionSource? _deactivated;
    private CallChainLink? _outgoingCallChain;
    private ActivationStatus _status = ActivationStatus.Activating;
    private DeactivationReason _deactivationReason;
    private bool _deactivationRequested;
    private bool _overloadReported;
    private int _running;
    private int _runningWriters;
    private long _lastActiveMilliseconds;

    public ActivationData(Catalog catalog, GrainId grainId, GrainClassInfo classInfo)
    {
        _catalog = catalog;
        GrainId = grainId;
        ClassInfo = classInfo;
        Scheduler = new ActivationTaskScheduler();
        _lastActiveMilliseconds = Environment.TickCount64;
        ActivationId = catalog.Directory is null || classInfo.IsStatelessWorker ? string.Empty : Guid.NewGuid().ToString("N");
    }

    /// <summary>Identifies this activation in the grain directory (empty on a single silo).</summary>
    public string ActivationId { get; }

    public GrainId GrainId { get; }

    /// <summary>The call chain of calls the activation makes outside any request (activation, timers): itself alone.</summary>
    internal CallChainLink OutgoingCallChain => _outgoingCallChain ??= new CallChainLink(GrainId, null);

    public GrainClassInfo ClassInfo { get; }

    public ActivationTaskScheduler Scheduler { get; }

    public object? GrainInstance { get; private set; }

    public IGrainFactory GrainFactory => _catalog.GrainFactory;

    public IServiceProvider ActivationServices => _catalog.Services;

    public ActivationStatus Status
    {
        get
        {
            lock (_lock)
            {
                return _status;
            }
        }
    }

    /// <summary>Requests running or waiting.</summary>
    public int PendingCount
    {
        get
        {
            lock (_lock)
            {
                return _running + (_waiting?.Count ?? 0);
            }
        }
    }

    public bool IsBusy => Volatile.Read(ref _running) > 0;

    public TGrainInterface AsReference<TGrainInterface>() where TGrainInterface : IAddressable =>
        _catalog.GrainFactory.GetGrain<TGrainInterface>(GrainId);

    public void DeactivateOnIdle() => Deactivate(DeactivationReason.ApplicationRequested);

    public IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new GrainTimer<TState>(this, _catalog.TimeProvider, callback, state, options);
        lock (_lock)
        {
            if (_status is ActivationStatus.Deactivating or ActivationStatus.Invalid)
            {
                timer.Dispose();
                throw new InvalidOperationException($"Activation {GrainId} is deactivating; it cannot register timers.");
            }

            (_timers ??= []).Add(timer);
        }

        timer.Start();
        return timer;
    }

    public IPersistentState<TState> GetPersistentState<TState>(string stateName, string? storageName, Func<TState> createDefault)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        var name = storageName ?? GrainStorageNames.Default;
        var storage = _catalog.Services.GetKeyedService<IGrainStorage>(name)
            ?? throw new InvalidOperationException($"No grain storage named '{name}' is registered; grain {ClassInfo.ClassType} needs it for state '{stateName}'.");
        var state = new PersistentState<TState>(stateName, GrainId, storage, createDefault);
        (_states ??= []).Add(state);
        return state;
    }

    /// <summary>Starts activation on the activation's scheduler.</summary>
    public void Start() => _ = Task.Factory.StartNew(ActivateCallback, this, CancellationToken.None, TaskCreationOptions.DenyChildAttach, Scheduler);

    /// <summary>Accepts a request, or returns false when the activation is gone and the request must be routed again.</summary>
    public bool TryEnqueue(RequestBase request)
    {
        Exception? rejection = null;
        var reportOverload = false;
        var reportSiloOverload = false;
        var waiting = 0;
        lock (_lock)
        {
            if (_status == ActivationStatus.Invalid)
            {
                return false;
            }

            // While a deactivation is pending, only requests that interleave with the running one still start: the
            // running request may be waiting on them.
            if (_status == ActivationStatus.Valid && (!_deactivationRequested || _running > 0) && CanStart(request, queuedAhead: _waiting is { Count: > 0 }))
            {
                StartLocked(request);
                return true;
            }

            if (_status == ActivationStatus.Valid && IsCallCycle(request))
            {
                rejection = new DeadlockException(
                    $"Deadlock: call chain {request.CallChain!.Describe(GrainId)} waits on {GrainId}, which is not reentrant and is still running the request that started the chain. "
                    + $"Mark {ClassInfo.ClassType.Name} [Reentrant] or the method [AlwaysInterleave], or break the cycle.");
            }
            else if (IsFullLocked())
            {
                waiting = _waiting!.Count;
                rejection = new GrainOverloadedException(
                    $"{GrainId} already has {waiting} requests waiting (Grains:MaxWaitingRequests); the call to {request.Metadata.InterfaceName}.{request.Metadata.MethodName} was not run. Retry later.");
                reportOverload = !_overloadReported;
                _overloadReported = true;
                _catalog.Instruments.CallRefused("grain");
            }
            else if (!_catalog.TryAddWaiting(out reportSiloOverload))
            {
                rejection = new GrainOverloadedException(
                    $"This silo already has {_catalog.CollectionOptions.MaxWaitingRequestsPerSilo} requests waiting across its activations (Grains:MaxWaitingRequestsPerSilo); "
                    + $"the call to {request.Metadata.InterfaceName}.{request.Metadata.MethodName} on {GrainId} was not run. Retry later.");
            }
            else
            {
                (_waiting ??= new Queue<RequestBase>()).Enqueue(request);
            }
        }

        if (reportOverload)
        {
            LogOverloaded(_catalog.Logger, GrainId, waiting);
        }

        if (reportSiloOverload)
        {
            LogSiloOverloaded(_catalog.Logger, _catalog.CollectionOptions.MaxWaitingRequestsPerSilo);
        }

        if (rejection is not null)
        {
            request.Fail(rejection);
        }

        return true;
    }

    /// <summary>Whether as many requests wait as <see cref="GrainCollectionOptions.MaxWaitingRequests"/> allows.</summary>
    private bool IsFullLocked()
    {
        var limit = _catalog.CollectionOptions.MaxWaitingRequests;
        return limit > 0 && _waiting is { } waiting && waiting.Count >= limit;
    }

    /// <summary>Asks the activation to deactivate once it has no running request.</summary>
    public void Deactivate(DeactivationReason reason)
    {
        lock (_lock)
        {
            if (_deactivationRequested || _status is ActivationStatus.Deactivating or ActivationStatus.Invalid)
            {
                return;
            }

            _deactivationRequested = true;
            _deactivationReason = reason;
            if (!TryBeginDeactivationLocked())
            {
                return;
            }
        }

        StartDeactivation();
    }

    /// <summary>Completes once the activation is gone.</summary>
    public Task WhenDeactivated()
    {
        lock (_lock)
        {
            if (_status == ActivationStatus.Invalid)
            {
                return Task.CompletedTask;
            }

            _deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _deactivated.Task;
        }
    }

    /// <summary>
    /// Whether the activation has been idle for longer than <paramref name="age"/>; <paramref name="nowMilliseconds"/>
    /// is <see cref="Environment.TickCount64"/> (idle ages are minutes: a coarse clock that is cheap to read will do).
    /// </summary>
    public bool IsIdleFor(TimeSpan age, long nowMilliseconds)
    {
        lock (_lock)
        {
            return _status == ActivationStatus.Valid
                && _running == 0
                && (_waiting is null || _waiting.Count == 0)
                && nowMilliseconds - _lastActiveMilliseconds >= (long)age.TotalMilliseconds;
        }
    }

    internal void RemoveTimer(IGrainTimerInternal timer)
    {
        lock (_lock)
        {
            _timers?.Remove(timer);
        }
    }

    /// <summary>Whether a request may start now; a read-only request never overtakes requests queued ahead of it.</summary>
    private bool CanStart(RequestBase request, bool queuedAhead) =>
        (_running == 0 && !queuedAhead)
        || ClassInfo.IsReentrant
        || request.Metadata.IsAlwaysInterleave
        || (request.Metadata.IsReadOnly && _runningWriters == 0 && !queuedAhead);

    private bool IsCallCycle(RequestBase request) =>
        !ClassInfo.IsReentrant && !ClassInfo.IsStatelessWorker && _running > 0 && request.CallChain is { } chain && chain.Contains(GrainId);

    private void StartLocked(RequestBase request)
    {
        _running++;
        if (!request.Metadata.IsReadOnly)
        {
            _runningWriters++;
        }

        request.Activation = this;
        _ = Task.Factory.StartNew(RunRequestCallback, request, CancellationToken.None, TaskCreationOptions.DenyChildAttach, Scheduler);
    }

    private void PumpLocked()
    {
        var started = 0;
        while (_waiting is { Count: > 0 } waiting && CanStart(waiting.Peek(), queuedAhead: false))
        {
            StartLocked(waiting.Dequeue());
            started++;
        }

        _catalog.RemoveWaiting(started);

        if (_waiting is not { Count: > 0 })
        {
            _overloadReported = false;
        }
    }

    private bool TryBeginDeactivationLocked()
    {
        if (_status != ActivationStatus.Valid || _running > 0)
        {
            return false;
        }

        _status = ActivationStatus.Deactivating;
        return true;
    }

    private async Task RunRequestAsync(RequestBase request)
    {
        RuntimeContext.Enter(request);
        RequestContext.Restore(request.ContextValues);
        using var activity = _catalog.Instruments.StartServerActivity(request);
        try
        {
            if (request.DeadlineTimestamp != 0 && Stopwatch.GetTimestamp() > request.DeadlineTimestamp)
            {
                // The caller already gave up on this call: running it now would change state behind its back.
                throw new GrainCallTimeoutException(
                    $"Call {request.Metadata.InterfaceName}.{request.Metadata.MethodName} to {GrainId} expired before it could run; it was not run.");
            }

            if (!request.IsSystemWork && _catalog.IncomingFilters.Length + (GrainInstance is IIncomingGrainCallFilter ? 1 : 0) > 0)
            {
                await new IncomingCallContext(request, GrainInstance!, _catalog.IncomingFilters).Invoke();
            }
            else
            {
                await request.InvokeAsync(GrainInstance!);
            }

            request.Complete();
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            request.Fail(exception);
            _catalog.Instruments.CallFailed(request);
            if (request.IsSystemWork)
            {
                LogTimerFailed(_catalog.Logger, exception, GrainId);
            }
            else if (request.Metadata.IsOneWay)
            {
                LogOneWayFailed(_catalog.Logger, exception, request.Metadata.InterfaceName, request.Metadata.MethodName, GrainId);
            }

            if (exception is InconsistentStateException)
            {
                LogInconsistentState(_catalog.Logger, exception, GrainId);
                lock (_lock)
                {
                    if (!_deactivationRequested)
                    {
                        _deactivationRequested = true;
                        _deactivationReason = DeactivationReason.ApplicationError;
                    }
                }
            }
        }
        finally
        {
            _catalog.Instruments.RecordCall(request);
            OnRequestFinished(request);
        }
    }

    private void OnRequestFinished(RequestBase request)
    {
        var finished = request.KeepsAlive ? Environment.TickCount64 : 0;
        bool deactivate;
        lock (_lock)
        {
            _running--;
            if (!request.Metadata.IsReadOnly)
            {
                _runningWriters--;
            }

            if (request.KeepsAlive)
            {
                _lastActiveMilliseconds = finished;
            }

            deactivate = _deactivationRequested && TryBeginDeactivationLocked();
            if (!_deactivationRequested)
            {
                PumpLocked();
            }
        }

        if (deactivate)
        {
            StartDeactivation();
        }
    }

    private async Task ActivateAsync()
    {
        RuntimeContext.Enter(this);
        try
        {
            using var timeout = new CancellationTokenSource(_catalog.CollectionOptions.ActivationTimeout);
            if (ActivationId.Length > 0 && await _catalog.RegisterAsync(this, timeout.Token) is { } winner)
            {
                ForwardAll(winner);
                return;
            }

            GrainInstance = ClassInfo.Create(this);
            if (GrainInstance is Grain grain)
            {
                grain.Bind(this);
            }

            if (_states is { } states)
            {
                foreach (var state in states)
                {
                    await state.ReadStateAsync(timeout.Token);
                }
            }

            if (GrainInstance is Grain activated)
            {
                await activated.OnActivateAsync(timeout.Token);
            }
        }
        catch (Exception exception)
        {
            LogActivationFailed(_catalog.Logger, exception, GrainId);
            FailActivation(exception);
            return;
        }

        bool deactivate;
        lock (_lock)
        {
            _status = ActivationStatus.Valid;
            _lastActiveMilliseconds = Environment.TickCount64;
            deactivate = _deactivationRequested && TryBeginDeactivationLocked();
            if (!_deactivationRequested)
            {
                PumpLocked();
            }
        }

        _catalog.Instruments.ActivationAdded(ClassInfo.GrainType);
        LogActivated(_catalog.Logger, GrainId);
        if (deactivate)
        {
            StartDeactivation();
        }
    }

    private void ForwardAll(GrainDirectory.GrainAddress winner)
    {
        List<RequestBase> forwarded;
        lock (_lock)
        {
            _status = ActivationStatus.Invalid;
            forwarded = _waiting is null ? [] : [.. _waiting];
            _waiting?.Clear();
            _catalog.RemoveWaiting(forwarded.Count);
        }

        _catalog.Remove(this);
        _deactivated?.TrySetResult();
        LogLostRegistration(_catalog.Logger, GrainId, winner.Silo.ToString());
        foreach (var request in forwarded)
        {
            if (request.IsSystemWork)
            {
                continue;
            }

            request.Activation = null;
            _catalog.Forward(request, winner);
        }
    }

    private void FailActivation(Exception exception)
    {
        List<RequestBase> failed;
        lock (_lock)
        {
            _status = ActivationStatus.Invalid;
            failed = _waiting is null ? [] : [.. _waiting];
            _waiting?.Clear();
            _catalog.RemoveWaiting(failed.Count);
        }

        StopTimers();
        _catalog.Remove(this);
        _deactivated?.TrySetResult();
        var error = new GrainActivationException($"Activating grain {GrainId} failed: {exception.Message}", exception);
        foreach (var request in failed)
        {
            request.Fail(error);
        }
    }

    private void StartDeactivation() =>
        _ = Task.Factory.StartNew(DeactivateCallback, this, CancellationToken.None, TaskCreationOptions.DenyChildAttach, Scheduler);

    private async Task DeactivateCoreAsync()
    {
        RuntimeContext.Enter(this);
        try
        {
            StopTimers();
            using var timeout = new CancellationTokenSource(_catalog.CollectionOptions.DeactivationTimeout);
            if (GrainInstance is Grain grain)
            {
                await grain.OnDeactivateAsync(_deactivationReason, timeout.Token).WaitAsync(timeout.Token);
            }
        }
        catch (Exception exception)
        {
            LogDeactivationFailed(_catalog.Logger, exception, GrainId);
        }

        if (_deactivationReason != DeactivationReason.ShuttingDown)
        {
            // At shutdown the silo removes all its directory entries in one call instead.
            await _catalog.UnregisterAsync(this);
        }

        _catalog.Remove(this);
        List<RequestBase> rerouted;
        lock (_lock)
        {
            _status = ActivationStatus.Invalid;
            rerouted = _waiting is null ? [] : [.. _waiting];
            _waiting?.Clear();
            _catalog.RemoveWaiting(rerouted.Count);
        }

        _catalog.Instruments.ActivationRemoved(ClassInfo.GrainType);
        LogDeactivated(_catalog.Logger, GrainId, _deactivationReason);
        _deactivated?.TrySetResult();
        foreach (var request in rerouted)
        {
            if (request.IsSystemWork)
            {
                continue;
            }

            request.Activation = null;
            _catalog.Dispatch(request);
        }
    }

    private void StopTimers()
    {
        IGrainTimerInternal[] timers;
        lock (_lock)
        {
            if (_timers is null)
            {
                return;
            }

            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (var timer in timers)
        {
            timer.Stop();
        }
    }
}
