namespace GameCluster.Redis;

/// <summary>
/// Redis could not be reached or did not answer within the operation timeout. Transient: the client keeps
/// reconnecting, so the same operation can be retried later. When a write timed out its outcome is unknown.
/// </summary>
public sealed class RedisUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RedisUnavailableException()
        : base("Redis is unavailable.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RedisUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the client library's exception.</summary>
    public RedisUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
