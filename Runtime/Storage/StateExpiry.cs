namespace GameCluster.Storage;

/// <summary>When stored grain state counts as expired (<see cref="IGrainState{TState}.ExpiresAt"/>).</summary>
internal static class StateExpiry
{
    public static bool HasExpired(DateTimeOffset? expiresAt, TimeProvider timeProvider) =>
        expiresAt is { } at && at <= timeProvider.GetUtcNow();
}
