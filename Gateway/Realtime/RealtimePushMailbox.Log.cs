namespace GameCluster.Gateway.Realtime;

/// <summary>Log messages of <see cref="RealtimePushMailbox"/>.</summary>
public sealed partial class RealtimePushMailbox
{
    [LoggerMessage(EventId = 8173, Level = LogLevel.Warning, Message = "Polling push mailbox {MailboxId} failed ({Failures} in a row); retrying")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string mailboxId, int failures);

    [LoggerMessage(EventId = 8174, Level = LogLevel.Information, Message = "Push mailbox {MailboxId} may have lost notices; {Sessions} sessions fetch their pushes again")]
    private static partial void LogRefetchAll(ILogger logger, string mailboxId, int sessions);

    [LoggerMessage(EventId = 8190, Level = LogLevel.Debug, Message = "Push sweep of mailbox {MailboxId}: {Sessions} sessions fetch their pushes")]
    private static partial void LogSweep(ILogger logger, string mailboxId, int sessions);
}
