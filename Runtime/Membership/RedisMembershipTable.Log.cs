using Microsoft.Extensions.Logging;

namespace GameCluster.Membership;

public sealed partial class RedisMembershipTable
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Created membership table {TableKey} at version 0")]
    private static partial void LogTableCreated(ILogger logger, string tableKey);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Debug, Message = "Membership {Operation} of {Silo} lost: the table is no longer at the predecessor of version {Version}")]
    private static partial void LogVersionConflict(ILogger logger, string operation, SiloAddress silo, long version);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Debug, Message = "Membership {Operation} of {Silo} lost: the row exists (insert) or changed since it was read (update)")]
    private static partial void LogRowConflict(ILogger logger, string operation, SiloAddress silo);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Information, Message = "Removed {Count} dead silos last seen before {Before} from membership table {TableKey}")]
    private static partial void LogDefunctRowsRemoved(ILogger logger, long count, string tableKey, DateTimeOffset before);
}
