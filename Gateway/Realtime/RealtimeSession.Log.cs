using System.Net.WebSockets;

namespace GameCluster.Gateway.Realtime;

public sealed partial class RealtimeSession
{
    [LoggerMessage(EventId = 8160, Level = LogLevel.Debug, Message = "Socket opened for player {PlayerId}: session {SessionId} from {RemoteAddress}, resuming after {LastSeq}")]
    private static partial void LogOpened(ILogger logger, string playerId, string sessionId, string remoteAddress, long lastSeq);

    [LoggerMessage(EventId = 8161, Level = LogLevel.Debug, Message = "Socket closed for player {PlayerId}: session {SessionId}, {CloseStatus} {CloseReason}")]
    private static partial void LogClosed(ILogger logger, string playerId, string sessionId, WebSocketCloseStatus closeStatus, string closeReason);

    [LoggerMessage(EventId = 8162, Level = LogLevel.Warning, Message = "Player {PlayerId} could not attach to the push grain; closing the socket")]
    private static partial void LogAttachFailed(ILogger logger, Exception exception, string playerId);

    [LoggerMessage(EventId = 8163, Level = LogLevel.Information, Message = "Protocol violation by player {PlayerId} (session {SessionId}): closing with {CloseStatus}, {Reason}")]
    private static partial void LogViolation(ILogger logger, string playerId, string sessionId, int closeStatus, string reason);

    [LoggerMessage(EventId = 8164, Level = LogLevel.Warning, Message = "Player {PlayerId} (session {SessionId}) does not read its messages: {Capacity} queued; disconnecting")]
    private static partial void LogSlowConsumer(ILogger logger, string playerId, string sessionId, int capacity);

    [LoggerMessage(EventId = 8165, Level = LogLevel.Information, Message = "Session {SessionId} of player {PlayerId} was replaced by a newer connection")]
    private static partial void LogReplaced(ILogger logger, string playerId, string sessionId);

    [LoggerMessage(EventId = 8166, Level = LogLevel.Warning, Message = "Push poll for player {PlayerId} failed ({Failures} in a row); retrying")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string playerId, int failures);

    [LoggerMessage(EventId = 8167, Level = LogLevel.Debug, Message = "Player {PlayerId} from {RemoteAddress} is over the socket message rate")]
    private static partial void LogRateLimited(ILogger logger, string playerId, string remoteAddress);

    [LoggerMessage(EventId = 8168, Level = LogLevel.Debug, Message = "Receiving for player {PlayerId} (session {SessionId}) ended: {Reason}")]
    private static partial void LogReceiveEnded(ILogger logger, string playerId, string sessionId, string reason);

    [LoggerMessage(EventId = 8169, Level = LogLevel.Debug, Message = "Detaching session {SessionId} of player {PlayerId} failed")]
    private static partial void LogDetachFailed(ILogger logger, Exception exception, string playerId, string sessionId);

    [LoggerMessage(EventId = 8188, Level = LogLevel.Error, Message = "Sending to player {PlayerId} (session {SessionId}) failed unexpectedly; aborting the socket")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string playerId, string sessionId);
}
