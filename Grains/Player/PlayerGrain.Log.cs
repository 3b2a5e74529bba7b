using Microsoft.Extensions.Logging;

namespace GameCluster.Grains.Player;

public sealed partial class PlayerGrain
{
    [LoggerMessage(EventId = 8180, Level = LogLevel.Warning, Message = "Player {PlayerId}: the {Event} push failed; the change itself is stored")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, string playerId, string @event);
}
