using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace GameCluster.Gateway.Realtime;

/// <summary>Token buckets for socket messages: one per player and one per client IP address, on this gateway.</summary>
public sealed class RealtimeRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _players;
    private readonly PartitionedRateLimiter<string> _addresses;

    /// <summary>Creates the limiters from <see cref="RealtimeOptions"/>.</summary>
    public RealtimeRateLimiter(IOptions<RealtimeOptions> options)
    {
        var o = options.Value;
        _players = Create(o.PlayerMessagesPerSecond, o.PlayerMessageBurst);
        _addresses = Create(o.IpMessagesPerSecond, o.IpMessageBurst);
    }

    /// <summary>Takes one message from both buckets; on refusal, <paramref name="retryAfter"/> says when to try again.</summary>
    public bool TryAcquire(string playerId, string address, out TimeSpan retryAfter)
    {
        using var player = _players.AttemptAcquire(playerId);
        if (!player.IsAcquired)
        {
            retryAfter = RetryAfterOf(player);
            return false;
        }

        using var ip = _addresses.AttemptAcquire(address);
        if (!ip.IsAcquired)
        {
            retryAfter = RetryAfterOf(ip);
            return false;
        }

        retryAfter = TimeSpan.Zero;
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _players.Dispose();
        _addresses.Dispose();
    }

    private static TimeSpan RetryAfterOf(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);

    private static PartitionedRateLimiter<string> Create(int perSecond, int burst) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
