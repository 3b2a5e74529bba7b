namespace GameCluster.Redis;

/// <summary>Redis answered a command with an error (for example a failing script or a wrong value type).</summary>
public sealed class RedisReplyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RedisReplyException()
        : base("Redis answered with an error.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RedisReplyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the client library's exception.</summary>
    public RedisReplyException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
