using GameCluster.Grains;

namespace GameCluster.Gateway.Auth;

/// <summary>Log messages of <see cref="TokenService"/>.</summary>
public sealed partial class TokenService
{
    [LoggerMessage(EventId = 8110, Level = LogLevel.Information, Message = "Refresh token rejected: {Outcome}")]
    private static partial void LogRefreshTokenRejected(ILogger logger, RefreshTokenOutcome outcome);

    [LoggerMessage(EventId = 8111, Level = LogLevel.Warning, Message = "A used refresh token was presented again; its family is revoked")]
    private static partial void LogRefreshTokenReused(ILogger logger);
}
