using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace GameCluster.Redis;

public sealed partial class StackExchangeRedisClient
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Connected to Redis at {Endpoint}")]
    private static partial void LogConnected(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Redis at {Endpoint} is not reachable yet; operations fail until it is, and the client keeps retrying")]
    private static partial void LogNotYetConnected(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Lost the connection to Redis at {Endpoint} ({FailureType}); reconnecting")]
    private static partial void LogConnectionFailed(ILogger logger, Exception? exception, string endpoint, ConnectionFailureType failureType);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Reconnected to Redis at {Endpoint}")]
    private static partial void LogConnectionRestored(ILogger logger, string endpoint);
}
