using System.Collections.Concurrent;
using GameCluster.Invocation;

namespace GameCluster.Messaging;

/// <summary>
/// The observers a client hosts. An observer's grain id is <c>observer/{clientId}/{n}</c>: silos route calls to it
/// over the client's connection, and the client runs them here.
/// </summary>
internal sealed class ObserverRegistry
{
    public const string GrainType = "observer";

    private readonly ConcurrentDictionary<string, IGrainObserver> _observers = new(StringComparer.Ordinal);
    private long _next;

    /// <summary>This process's client id, or <see langword="null"/> on a silo.</summary>
    public string? ClientId { get; private set; }

    public void IdentifyAsClient(string clientId) => ClientId = clientId;

    public static string ClientIdOf(GrainId observerId)
    {
        var slash = observerId.Key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? observerId.Key : observerId.Key[..slash];
    }

    public GrainId Register(IGrainObserver observer)
    {
        var clientId = ClientId ?? throw new InvalidOperationException("Only a cluster client can host observers.");
        var key = $"{clientId}/{Interlocked.Increment(ref _next)}";
        _observers[key] = observer;
        return new GrainId(GrainType, key);
    }

    public bool Unregister(GrainId observerId) => _observers.TryRemove(observerId.Key, out _);

    public void Invoke(RequestBase request)
    {
        if (!_observers.TryGetValue(request.TargetId.Key, out var observer))
        {
            request.Fail(new ClientNotConnectedException($"Observer {request.TargetId} is no longer registered on client {ClientId}."));
            return;
        }

        _ = InvokeAsync(request, observer);
    }

    private static async Task InvokeAsync(RequestBase request, IGrainObserver observer)
    {
        try
        {
            await request.InvokeAsync(observer);
            request.Complete();
        }
        catch (Exception exception)
        {
            request.Fail(exception);
        }
    }
}
