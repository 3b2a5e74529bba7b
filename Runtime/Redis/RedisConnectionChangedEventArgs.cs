namespace GameCluster.Redis;

/// <summary>The connection to Redis was lost or restored.</summary>
/// <param name="isConnected">Whether the client is connected now.</param>
/// <param name="endpoint">The Redis endpoint concerned (no credentials).</param>
/// <param name="failure">Why the connection was lost, when it was.</param>
public sealed class RedisConnectionChangedEventArgs(bool isConnected, string endpoint, Exception? failure) : EventArgs
{
    /// <summary>Whether the client is connected now.</summary>
    public bool IsConnected { get; } = isConnected;

    /// <summary>The Redis endpoint concerned (no credentials).</summary>
    public string Endpoint { get; } = endpoint;

    /// <summary>Why the connection was lost, when it was.</summary>
    public Exception? Failure { get; } = failure;
}
