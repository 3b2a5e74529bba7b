using GameCluster.Membership;
using Microsoft.Extensions.Logging;

namespace GameCluster.GrainDirectory;

public sealed partial class RedisGrainDirectory
{
    [LoggerMessage(EventId = 7200, Level = LogLevel.Information, Message = "Removed {Count} directory entries of silo {Silo}")]
    private static partial void LogSiloUnregistered(ILogger logger, long count, SiloAddress silo);
}
