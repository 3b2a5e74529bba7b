using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace GameCluster.Gateway.RateLimiting;

/// <summary>
/// The per-IP limit of <c>/ws</c> connection attempts: <see cref="RateLimitOptions.SocketPerIpPermitLimit"/> per
/// <see cref="RateLimitOptions.PerIpWindow"/> and client IP, a fixed window like the per-IP policy of the auth
/// endpoints but in a budget of its own (sign-ins do not use it up). One
/// instance serves both ways in, the connection-level upgrade and the HTTP endpoint, so an attempt counts once whichever
/// way it takes; a refused attempt is answered by <see cref="RateLimitRejection"/> as the HTTP rate limiter answers.
/// </summary>
public sealed class SocketConnectRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    /// <summary>Creates the limiter from the gateway's rate limits.</summary>
    public SocketConnectRateLimiter(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(ip => RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.EffectiveSocketPerIpPermitLimit,
            Window = limits.PerIpWindow,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Takes one attempt from <paramref name="clientIp"/>'s budget; when none is left, the seconds to wait.</summary>
    public bool TryAcquire(string clientIp, out int retryAfterSeconds)
    {
        using var lease = _limiter.AttemptAcquire(clientIp);
        retryAfterSeconds = lease.IsAcquired ? 0 : RateLimitRejection.RetryAfterSeconds(lease);
        return lease.IsAcquired;
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}
