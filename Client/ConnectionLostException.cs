namespace GameCluster.Client;

/// <summary>
/// A realtime request could not complete because the socket dropped, was not connected, or the connection was closed.
/// The request may or may not have run on the gateway; the client does not retry it, the caller decides.
/// </summary>
public sealed class ConnectionLostException : GameClientException
{
    /// <summary>Creates the exception.</summary>
    public ConnectionLostException(string message, Exception? innerException)
        : base(GameErrorCodes.ConnectionLost, message, innerException: innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConnectionLostException()
        : this("The realtime connection was lost.", null)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConnectionLostException(string message)
        : this(message, null)
    {
    }
}
