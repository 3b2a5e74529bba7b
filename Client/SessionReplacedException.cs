namespace GameCluster.Client;

/// <summary>
/// A newer connection of the same player (another device, or another <see cref="GameClient"/>) took over the realtime
/// session. The connection is not reconnected automatically: doing so would kick the newer one in turn.
/// </summary>
public sealed class SessionReplacedException : GameClientException
{
    /// <summary>Creates the exception.</summary>
    public SessionReplacedException(string message, Exception? innerException)
        : base(GameErrorCodes.SessionReplaced, message, innerException: innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SessionReplacedException()
        : this("A newer connection of this player replaced this session.", null)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SessionReplacedException(string message)
        : this(message, null)
    {
    }
}
