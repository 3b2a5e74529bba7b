using System.Collections.Concurrent;
using GameCluster.Metadata;
using GameCluster.Diagnostics;
using GameCluster.GrainDirectory;
using GameCluster.Invocation;
using GameCluster.Membership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GameCluster.Runtime;

/// <summary>
/// The silo's activations by grain id. Dispatch finds or creates the activation for a request; stateless workers
/// get a small pool of activations per id.
/// </summary>
internal sealed partial class Catalog
{
    private const int MaxDispatchAttempts = 16;
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly ConcurrentDictionary<GrainId, StatelessWorkerPool> _workers = new();
    private readonly GrainManifest _manifest;
    private readonly IServiceProvider _services;
    private IGrainFactory? _grainFactory;
    private IGrainDirectory? _directory;
    private volatile bool _stopping;
    private int _waitingRequests;
    private int _waitingLimitReached;

    public Catalog(
        GrainManifest manifest,
        IServiceProvider services,
        IOptions<GrainCollectionOptions> collectionOptions,
        IEnumerable<IIncomingGrainCallFilter> incomingFilters,
        GrainInstruments instruments,
        TimeProvider timeProvider,
        ILogger<Catalog> logger)
    {
        _manifest = manifest;
        _services = services;
        CollectionOptions = collectionOptions.Value;
        IncomingFilters = [.. incomingFilters];
        Instruments = instruments;
        TimeProvider = timeProvider;
        Logger = logger;
    }

    public GrainCollectionOptions CollectionOptions { get; }

    public IIncomingGrainCallFilter[] IncomingFilters { get; }

    public GrainInstruments Instruments { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public IServiceProvider Services => _services;

    public IGrainFactory GrainFactory => _grainFactory ??= (IGrainFactory)_services.GetService(typeof(IGrainFactory))!;

    /// <summary>The cluster's grain directory, or <see langword="null"/> for a single silo.</summary>
    public IGrainDirectory? Directory => _directory ??= _services.GetService<IGrainDirectory>();

    /// <summary>Registers an activation in the directory; returns the other activation that holds the grain, or <see langword="null"/> when this one won.</summary>
    public async Task<GrainAddress?> RegisterAsync(ActivationData activation, CancellationToken cancellationToken)
    {
        var directory = Directory!;
        var localSilo = _services.GetRequiredService<LocalSilo>().Address;
        var membership = _services.GetRequiredService<MembershipService>();
        var address = new GrainAddress(activation.GrainId, localSilo, activation.ActivationId);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var winner = await directory.RegisterAsync(address, cancellationToken);
            if (winner == address)
            {
                return null;
            }

            if (winner.Silo != localSilo ? membership.View.IsUsable(winner.Silo) : IsLiveHere(winner))
            {
                return winner;
            }

            // The entry belongs to a dead silo, or to an earlier activation here that is gone: clear it and retry.
            await directory.UnregisterAsync(winner, cancellationToken);
        }

        throw new GrainActivationException($"Could not register {activation.GrainId} in the grain directory: the entry kept changing.");
    }

    /// <summary>Whether the entry names this silo's current activation of its grain (another than the one registering).</summary>
    private bool IsLiveHere(GrainAddress entry) =>
        _activations.TryGetValue(entry.GrainId, out var current)
        && current.ActivationId == entry.ActivationId
        && current.Status is ActivationStatus.Activating or ActivationStatus.Valid;

    /// <summary>Removes an activation's directory entry (best effort: a stale entry is cleared on the next lookup).</summary>
    public async Task UnregisterAsync(ActivationData activation)
    {
        if (Directory is not { } directory || activation.ClassInfo.IsStatelessWorker)
        {
            return;
        }

        try
        {
            var localSilo = _services.GetRequiredService<LocalSilo>().Address;
            await directory.UnregisterAsync(new GrainAddress(activation.GrainId, localSilo, activation.ActivationId), CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogUnregisterFailed(Logger, exception, activation.GrainId);
        }
    }

    /// <summary>Sends a request to the activation that won the directory race.</summary>
    public void Forward(RequestBase request, GrainAddress winner) =>
        _services.GetRequiredService<IRequestRouter>().Forward(request, winner);

    /// <summary>Requests waiting in all activations' queues (not yet started).</summary>
    public int WaitingRequests => Volatile.Read(ref _waitingRequests);

    /// <summary>
    /// Counts a request that is about to wait in an activation's queue, or returns false (counting nothing) when the
    /// silo already keeps <see cref="GrainCollectionOptions.MaxWaitingRequestsPerSilo"/> waiting.
    /// <paramref name="firstRefusal"/> is true for the first refusal since the count was last below half the limit.
    /// </summary>
    public bool TryAddWaiting(out bool firstRefusal)
    {
        firstRefusal = false;
        var limit = CollectionOptions.MaxWaitingRequestsPerSilo;
        if (Interlocked.Increment(ref _waitingRequests) <= limit || limit == 0)
        {
            Instruments.RequestsWaiting(1);
            return true;
        }

        Interlocked.Decrement(ref _waitingRequests);
        Instruments.CallRefused("silo");
        firstRefusal = Interlocked.Exchange(ref _waitingLimitReached, 1) == 0;
        return false;
    }

    /// <summary>Uncounts requests that left an activation's queue (started, forwarded, failed or routed again).</summary>
    public void RemoveWaiting(int count)
    {
        if (count == 0)
        {
            return;
        }

        Instruments.RequestsWaiting(-count);
        if (Interlocked.Add(ref _waitingRequests, -count) <= CollectionOptions.MaxWaitingRequestsPerSilo / 2 && Volatile.Read(ref _waitingLimitReached) != 0)
        {
            Volatile.Write(ref _waitingLimitReached, 0);
        }
    }

    /// <summary>Number of activations, stateless workers included.</summary>
    public int Count => _activations.Count + _workers.Values.Sum(static pool => pool.Count);

    /// <summary>All activations, stateless workers included.</summary>
    public IEnumerable<ActivationData> Activations => _activations.Values.Concat(_workers.Values.SelectMany(static pool => pool.Activations));

    /// <summary>The activation of a grain on this silo, if any.</summary>
    public ActivationData? Find(GrainId grainId) => _activations.GetValueOrDefault(grainId);

    /// <summary>Hands a request to its activation, activating the grain first when needed.</summary>
    public void Dispatch(RequestBase request)
    {
        try
        {
            var grainId = request.TargetId;
            var classInfo = _manifest.GetGrainClass(grainId.Type)
                ?? throw new ArgumentException($"No grain class has grain type '{grainId.Type}' (grain {grainId}).");
            if (classInfo.IsStatelessWorker)
            {
                _workers.GetOrAdd(grainId, static (id, state) => new StatelessWorkerPool(state.catalog, id, state.classInfo), (catalog: this, classInfo))
                    .Dispatch(request);
                return;
            }

            for (var attempt = 0; attempt < MaxDispatchAttempts; attempt++)
            {
                var activation = GetOrCreate(grainId, classInfo);
                if (activation.TryEnqueue(request))
                {
                    return;
                }

                _activations.TryRemove(KeyValuePair.Create(grainId, activation));
            }

            throw new InvalidOperationException($"Could not find a live activation for {grainId} after {MaxDispatchAttempts} attempts.");
        }
        catch (Exception exception)
        {
            request.Fail(exception);
        }
    }

    /// <summary>Creates and starts a new activation, refusing once the silo is stopping.</summary>
    public ActivationData CreateActivation(GrainId grainId, GrainClassInfo classInfo)
    {
        if (_stopping)
        {
            throw new SiloUnavailableException($"The silo is shutting down; {grainId} was not activated. Retry the call.");
        }

        return new ActivationData(this, grainId, classInfo);
    }

    public void Remove(ActivationData activation)
    {
        if (activation.ClassInfo.IsStatelessWorker)
        {
            if (_workers.TryGetValue(activation.GrainId, out var pool))
            {
                pool.Remove(activation);
            }

            return;
        }

        _activations.TryRemove(KeyValuePair.Create(activation.GrainId, activation));
    }

    /// <summary>Deactivates activations idle for longer than their collection age (<paramref name="nowMilliseconds"/>: <see cref="Environment.TickCount64"/>).</summary>
    public int CollectIdle(long nowMilliseconds)
    {
        var collected = 0;
        foreach (var activation in Activations)
        {
            var age = activation.ClassInfo.CollectionAge ?? CollectionOptions.CollectionAge;
            if (activation.IsIdleFor(age, nowMilliseconds))
            {
                activation.Deactivate(DeactivationReason.IdleCollection);
                collected++;
            }
        }

        return collected;
    }

    /// <summary>Stops creating activations and deactivates every existing one, letting running requests finish.</summary>
    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        var activations = Activations.ToList();
        LogDeactivatingAll(Logger, activations.Count);
        foreach (var activation in activations)
        {
            activation.Deactivate(DeactivationReason.ShuttingDown);
        }

        var all = Task.WhenAll(activations.Select(static a => a.WhenDeactivated()));
        var limit = Task.Delay(CollectionOptions.DeactivationTimeout, TimeProvider, cancellationToken);
        if (await Task.WhenAny(all, limit) != all)
        {
            LogDeactivationAbandoned(Logger, activations.Count(static a => a.Status != ActivationStatus.Invalid), CollectionOptions.DeactivationTimeout);
        }
    }

    private ActivationData GetOrCreate(GrainId grainId, GrainClassInfo classInfo)
    {
        if (_activations.TryGetValue(grainId, out var existing))
        {
            return existing;
        }

        var created = CreateActivation(grainId, classInfo);
        var winner = _activations.GetOrAdd(grainId, created);
        if (ReferenceEquals(winner, created))
        {
            created.Start();
            if (_stopping)
            {
                // Shutdown began between the check and the insert, and its snapshot may have missed this one.
                created.Deactivate(DeactivationReason.ShuttingDown);
            }
        }

        return winner;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "{Count} activations still had running requests after {Timeout}; shutting down without them")]
    private static partial void LogDeactivationAbandoned(ILogger logger, int count, TimeSpan timeout);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Removing {GrainId} from the grain directory failed; the entry is cleared on a later lookup")]
    private static partial void LogUnregisterFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Deactivating {Count} activations for shutdown")]
    private static partial void LogDeactivatingAll(ILogger logger, int count);
}
