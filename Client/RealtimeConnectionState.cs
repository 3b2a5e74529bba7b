namespace GameCluster.Client;

/// <summary>The state of a <see cref="RealtimeConnection"/>.</summary>
public enum RealtimeConnectionState
{
    /// <summary>Opening the first socket.</summary>
    Connecting,

    /// <summary>The socket is open; requests can be sent.</summary>
    Connected,

    /// <summary>The socket dropped or the gateway is draining; the client is reconnecting and will resume the pushes.</summary>
    Reconnecting,

    /// <summary>A newer connection of the player took over; final, not reconnected.</summary>
    Replaced,

    /// <summary>Closed by the application, or reconnecting gave up (see <see cref="RealtimeConnection.Completion"/>); final.</summary>
    Closed,
}
