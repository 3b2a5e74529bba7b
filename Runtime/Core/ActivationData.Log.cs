using Microsoft.Extensions.Logging;

namespace GameCluster.Runtime;

internal sealed partial class ActivationData
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "Activated {GrainId}")]
    private static partial void LogActivated(ILogger logger, GrainId grainId);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Activating {GrainId} failed; waiting requests fail and the next call tries again")]
    private static partial void LogActivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Deactivated {GrainId} ({Reason})")]
    private static partial void LogDeactivated(ILogger logger, GrainId grainId, DeactivationReason reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "OnDeactivateAsync of {GrainId} failed")]
    private static partial void LogDeactivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "{GrainId} hit an inconsistent state write; the activation is deactivated so the next call reads fresh state")]
    private static partial void LogInconsistentState(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "A timer callback of {GrainId} failed")]
    private static partial void LogTimerFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "One-way call {InterfaceName}.{MethodName} on {GrainId} failed")]
    private static partial void LogOneWayFailed(ILogger logger, Exception exception, string interfaceName, string methodName, GrainId grainId);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Debug, Message = "{GrainId} is already active on {Silo}; forwarding its requests there")]
    private static partial void LogLostRegistration(ILogger logger, GrainId grainId, string silo);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Warning, Message = "{GrainId} has {Waiting} requests waiting, the most Grains:MaxWaitingRequests allows; further calls fail with GrainOverloadedException until no request waits")]
    private static partial void LogOverloaded(ILogger logger, GrainId grainId, int waiting);

    [LoggerMessage(EventId = 1109, Level = LogLevel.Warning, Message = "This silo has {Limit} requests waiting across its activations, the most Grains:MaxWaitingRequestsPerSilo allows; calls that would wait fail with GrainOverloadedException until fewer than half that many wait")]
    private static partial void LogSiloOverloaded(ILogger logger, int limit);
}
