namespace GameCluster.Gateway.Http;

/// <summary>
/// Whether the gateway is draining: set as soon as shutdown starts. New HTTP requests then get 503 with
/// Retry-After, and open sockets are told to reconnect elsewhere (they watch <see cref="Draining"/>).
/// </summary>
public sealed class DrainState
{
    private readonly CancellationTokenSource _draining = new();

    /// <summary>Starts draining when the host begins to stop.</summary>
    public DrainState(IHostApplicationLifetime lifetime)
    {
        lifetime.ApplicationStopping.Register(static state => ((DrainState)state!).Begin(), this);
    }

    /// <summary>Cancelled when draining begins.</summary>
    public CancellationToken Draining => _draining.Token;

    /// <summary>Whether draining has begun.</summary>
    public bool IsDraining => _draining.IsCancellationRequested;

    /// <summary>Seconds a client should wait before retrying (the Retry-After value).</summary>
    public int RetryAfterSeconds { get; init; } = 2;

    /// <summary>Begins draining.</summary>
    public void Begin() => _draining.Cancel();
}
