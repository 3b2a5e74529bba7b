using Microsoft.Extensions.Logging;

namespace GameCluster.Grains.Sessions;

/// <summary>Log messages of <see cref="PlayerPushGrain"/>.</summary>
public sealed partial class PlayerPushGrain
{
    [LoggerMessage(EventId = 8185, Level = LogLevel.Warning, Message = "Push notice for player {PlayerId} (session {SessionId}) could not be delivered to its gateway's mailbox after {Attempts} attempts; the gateway's sweep will catch up")]
    private static partial void LogNoticeFailed(ILogger logger, Exception exception, string playerId, string sessionId, int attempts);

    [LoggerMessage(EventId = 8186, Level = LogLevel.Information, Message = "The gateway of session {SessionId} of player {PlayerId} is gone (mailbox {MailboxId}); no more notices are sent there")]
    private static partial void LogMailboxGone(ILogger logger, string playerId, string sessionId, string mailboxId);

    [LoggerMessage(EventId = 8187, Level = LogLevel.Warning, Message = "Forgetting the gone mailbox {MailboxId} of player {PlayerId} could not be stored")]
    private static partial void LogForgetMailboxFailed(ILogger logger, Exception exception, string playerId, string mailboxId);
}
