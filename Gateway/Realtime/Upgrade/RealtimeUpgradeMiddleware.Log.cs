namespace GameCluster.Gateway.Realtime.Upgrade;

public sealed partial class RealtimeUpgradeMiddleware
{
    [LoggerMessage(EventId = 8200, Level = LogLevel.Debug, Message = "Connection {ConnectionId} sent no complete request head in time; closed")]
    private static partial void LogHandshakeTimedOut(ILogger logger, string connectionId);

    [LoggerMessage(EventId = 8201, Level = LogLevel.Debug, Message = "Connection {ConnectionId} was reset or closed by the client before its request head was complete")]
    private static partial void LogClientLeftDuringHead(ILogger logger, string connectionId);

    [LoggerMessage(EventId = 8202, Level = LogLevel.Debug, Message = "Connection {ConnectionId} closed while waiting for its request head: the server is stopping")]
    private static partial void LogClosedOnShutdown(ILogger logger, string connectionId);

    [LoggerMessage(EventId = 8203, Level = LogLevel.Debug, Message = "Connection {ConnectionId} from {RemoteAddress} upgraded below the HTTP pipeline for player {PlayerId}")]
    private static partial void LogAccepted(ILogger logger, string connectionId, string playerId, string remoteAddress);

    [LoggerMessage(EventId = 8204, Level = LogLevel.Information, Message = "Socket upgrade on connection {ConnectionId} from {RemoteAddress} refused ({Reason}); the HTTP pipeline answers it")]
    private static partial void LogRefused(ILogger logger, string connectionId, string remoteAddress, string reason);

    [LoggerMessage(EventId = 8205, Level = LogLevel.Debug, Message = "Connection {ConnectionId} left during the upgrade handshake")]
    private static partial void LogClientLeftDuringHandshake(ILogger logger, string connectionId);

    [LoggerMessage(EventId = 8206, Level = LogLevel.Debug, Message = "Socket of player {PlayerId} on connection {ConnectionId} ended by the client ({ExceptionType})")]
    private static partial void LogSessionEndedByClient(ILogger logger, string connectionId, string playerId, string exceptionType);
}
