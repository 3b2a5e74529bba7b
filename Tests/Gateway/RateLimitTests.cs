using System.Net;
using static GameCluster.Tests.Gateway.GatewayApi;

namespace GameCluster.Tests.Gateway;

/// <summary>Per-IP and per-player limits on a gateway with small limits of its own.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task AuthEndpoints_OverThePerIpLimit_Return429WithRetryAfter_AndPlayerEndpointsOverThePerPlayerLimit_Return429()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string>
        {
            ["Gateway:RateLimits:PerIpPermitLimit"] = "3",
            ["Gateway:RateLimits:PerIpWindow"] = "00:05:00",
            ["Gateway:RateLimits:PerPlayerPermitLimit"] = "4",
            ["Gateway:RateLimits:PerPlayerWindow"] = "00:05:00",
        });

        var player = await GuestAsync(host.Http);
        var other = await GuestAsync(host.Http);
        using (var third = await PostAsync(host.Http, "/api/v1/auth/login", new { username = "nobody_here", password = "whatever123" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, third.StatusCode);
        }

        using var limited = await PostAsync(host.Http, "/api/v1/auth/guest", new { deviceId = NewDeviceId() });
        await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(limited.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 300 }, $"Retry-After: {limited.Headers.RetryAfter}");
        using (var refresh = await PostAsync(host.Http, "/api/v1/auth/refresh", new { refreshToken = player.RefreshToken }))
        {
            await AssertProblemAsync(refresh, HttpStatusCode.TooManyRequests, "rate_limited");
        }

        for (var i = 0; i < 4; i++)
        {
            using var allowed = await SendAsync(host.Http, HttpMethod.Get, $"/api/v1/players/{player.PlayerId}/profile", accessToken: player.AccessToken);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var playerLimited = await SendAsync(host.Http, HttpMethod.Get, $"/api/v1/players/{player.PlayerId}/profile", accessToken: player.AccessToken);
        await AssertProblemAsync(playerLimited, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.NotNull(playerLimited.Headers.RetryAfter);

        // The limit is per player: another player from the same address is still served.
        using var otherPlayer = await SendAsync(host.Http, HttpMethod.Get, $"/api/v1/players/{other.PlayerId}/profile", accessToken: other.AccessToken);
        Assert.Equal(HttpStatusCode.OK, otherPlayer.StatusCode);
    }
}
