using System.Globalization;
using System.Threading.RateLimiting;
using GameCluster.Gateway.Http;

namespace GameCluster.Gateway.RateLimiting;

/// <summary>The gateway's one answer to a rate-limited request: 429 problem+json (<c>rate_limited</c>) with Retry-After.</summary>
public static class RateLimitRejection
{
    /// <summary>The whole seconds (at least 1) a refused lease says to wait.</summary>
    public static int RetryAfterSeconds(RateLimitLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
    }

    /// <summary>Writes the 429 answer.</summary>
    public static Task ExecuteAsync(HttpContext context, int retryAfterSeconds)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Create(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, $"Too many requests; retry after {retryAfterSeconds} s.")
            .ExecuteAsync(context);
    }
}
