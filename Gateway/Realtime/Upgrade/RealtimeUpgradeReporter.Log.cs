namespace GameCluster.Gateway.Realtime.Upgrade;

public sealed partial class RealtimeUpgradeReporter
{
    [LoggerMessage(EventId = 8210, Level = LogLevel.Information, Message = "Connection-level socket upgrade runs on {Endpoints}")]
    private static partial void LogInstalled(ILogger logger, string endpoints);

    [LoggerMessage(EventId = 8211, Level = LogLevel.Information, Message = "Connection-level socket upgrade is off: {Reason}; every upgrade goes through the HTTP pipeline")]
    private static partial void LogDisabled(ILogger logger, string reason);

    [LoggerMessage(EventId = 8212, Level = LogLevel.Warning, Message = "Connection-level socket upgrade runs on only {Installed} endpoint(s) of {Addresses}: a later ConfigureEndpointDefaults replaced it, or endpoints were added by Listen before AddGateway; those take the HTTP pipeline")]
    private static partial void LogNotInstalled(ILogger logger, int installed, string addresses);
}
