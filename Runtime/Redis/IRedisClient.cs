namespace GameCluster.Redis;

/// <summary>
/// The few Redis operations the runtime needs, behind an interface of our own so the client library can be swapped.
/// Every operation is bounded in time: while Redis is unreachable or does not answer, it throws
/// <see cref="RedisUnavailableException"/> quickly instead of waiting, and the client reconnects in the background.
/// </summary>
public interface IRedisClient
{
    /// <summary>Whether the client currently has a connection to Redis.</summary>
    bool IsConnected { get; }

    /// <summary>Raised when the connection to Redis is lost or restored.</summary>
    event EventHandler<RedisConnectionChangedEventArgs>? ConnectionChanged;

    /// <summary>Runs a Lua script atomically (<c>EVAL</c>) with the given <c>KEYS</c> and <c>ARGV</c>.</summary>
    /// <param name="script">The Lua source.</param>
    /// <param name="keys">The keys the script touches, <c>KEYS[1..n]</c>.</param>
    /// <param name="arguments">The script's arguments, <c>ARGV[1..n]</c>.</param>
    /// <param name="cancellationToken">Stops waiting for the reply (the script may still run).</param>
    /// <returns>The script's reply.</returns>
    /// <exception cref="RedisUnavailableException">Redis is unreachable or did not answer in time.</exception>
    /// <exception cref="RedisReplyException">Redis answered with an error (for example a script error).</exception>
    Task<RedisReply> EvaluateAsync(string script, IReadOnlyList<string> keys, IReadOnlyList<string> arguments, CancellationToken cancellationToken);

    /// <summary>Reads every field of a hash (<c>HGETALL</c>); empty when the key does not exist.</summary>
    Task<IReadOnlyDictionary<string, string>> HashGetAllAsync(string key, CancellationToken cancellationToken);

    /// <summary>Reads a string value (<c>GET</c>), or <see langword="null"/> when the key does not exist.</summary>
    Task<string?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Writes a string value (<c>SET</c>), optionally expiring after <paramref name="expiry"/>.</summary>
    Task SetAsync(string key, string value, TimeSpan? expiry, CancellationToken cancellationToken);

    /// <summary>Deletes a key (<c>DEL</c>); returns whether it existed.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Checks connectivity (<c>PING</c>); returns the round-trip time.</summary>
    /// <exception cref="RedisUnavailableException">Redis is unreachable or did not answer in time.</exception>
    Task<TimeSpan> PingAsync(CancellationToken cancellationToken);
}
