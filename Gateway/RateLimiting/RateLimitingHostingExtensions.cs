using System.Security.Claims;
using System.Threading.RateLimiting;
using GameCluster.Gateway.Auth;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace GameCluster.Gateway.RateLimiting;

/// <summary>
/// Registers the per-IP and per-player rate limits and the per-IP limit of <c>/ws</c> attempts
/// (<see cref="SocketConnectRateLimiter"/>); a rejected request answers 429 problem+json with Retry-After.
/// </summary>
public static class RateLimitingHostingExtensions
{
    /// <summary>Adds the rate limiter with the <see cref="RateLimitPolicies"/>.</summary>
    public static IServiceCollection AddGatewayRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddSingleton<SocketConnectRateLimiter>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = OnRejectedAsync;
            limiter.AddPolicy(RateLimitPolicies.PerIp, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(ClientIp(context), _ => Window(options.PerIpPermitLimit, options.PerIpWindow));
            });
            limiter.AddPolicy(RateLimitPolicies.PerPlayer, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                var key = context.User.FindFirstValue(GatewayClaims.PlayerId) is { Length: > 0 } subject ? "sub:" + subject : "ip:" + ClientIp(context);
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => Window(options.PerPlayerPermitLimit, options.PerPlayerWindow));
            });
        });
        return services;
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };

    private static string ClientIp(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken) =>
        await RateLimitRejection.ExecuteAsync(context.HttpContext, RateLimitRejection.RetryAfterSeconds(context.Lease));
}
