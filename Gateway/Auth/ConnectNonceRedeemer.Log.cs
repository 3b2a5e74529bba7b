using GameCluster.Grains;

namespace GameCluster.Gateway.Auth;

/// <summary>Log messages of <see cref="ConnectNonceRedeemer"/>.</summary>
public sealed partial class ConnectNonceRedeemer
{
    [LoggerMessage(EventId = 8140, Level = LogLevel.Information, Message = "Connect nonce rejected: {Outcome}")]
    private static partial void LogNonceRejected(ILogger logger, ConnectNonceOutcome outcome);
}
