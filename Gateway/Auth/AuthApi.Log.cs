namespace GameCluster.Gateway.Auth;

/// <summary>Log messages of <see cref="AuthApi"/>.</summary>
public static partial class AuthApi
{
    [LoggerMessage(EventId = 8120, Level = LogLevel.Information, Message = "Sign-in failed: unknown username or wrong password")]
    private static partial void LogSignInFailed(ILogger logger);

    [LoggerMessage(EventId = 8121, Level = LogLevel.Warning, Message = "Service account sign-in failed: unknown name or wrong secret")]
    private static partial void LogServiceAccountRejected(ILogger logger);
}
