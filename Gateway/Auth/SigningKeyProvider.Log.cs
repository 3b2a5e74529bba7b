namespace GameCluster.Gateway.Auth;

/// <summary>Log messages of <see cref="SigningKeyProvider"/>.</summary>
public sealed partial class SigningKeyProvider
{
    [LoggerMessage(EventId = 8100, Level = LogLevel.Warning, Message = "Created a development signing key at {Path}")]
    private static partial void LogDevelopmentKeyCreated(ILogger logger, string path);

    [LoggerMessage(EventId = 8101, Level = LogLevel.Warning,
        Message = "Access tokens are signed with the development key at {Path}: for development only; production must configure Auth:SigningKey (the same on every gateway)")]
    private static partial void LogDevelopmentKeyInUse(ILogger logger, string path);
}
