using System.Net.WebSockets;

namespace GameCluster.Gateway.Realtime;

/// <summary>Close statuses and reasons the realtime socket uses.</summary>
public static class RealtimeCloseStatus
{
    /// <summary>Application close code: a newer connection of the same player took over.</summary>
    public const WebSocketCloseStatus SessionReplaced = (WebSocketCloseStatus)4001;

    /// <summary>Reason: a newer connection of the same player took over.</summary>
    public const string SessionReplacedReason = "session_replaced";

    /// <summary>Reason: the gateway is draining.</summary>
    public const string DrainingReason = "draining";

    /// <summary>Reason: the message was not valid JSON.</summary>
    public const string MalformedJsonReason = "malformed JSON";

    /// <summary>Reason: binary frames are not part of the protocol.</summary>
    public const string BinaryFrameReason = "binary frames are not supported";

    /// <summary>Reason: the client did not read its messages fast enough.</summary>
    public const string SlowConsumerReason = "outbound queue overflow";

    /// <summary>Reason: the game cluster could not be reached while connecting.</summary>
    public const string UnavailableReason = "unavailable";
}
