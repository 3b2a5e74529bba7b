using System.Net;
using GameCluster.Gateway.Auth;
using GameCluster.Grains;
using GameCluster.Tests.Cluster;
using GameCluster.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using static GameCluster.Tests.Gateway.GatewayApi;

namespace GameCluster.Tests.Gateway;

/// <summary>
/// Two silo processes, each co-hosting a gateway, in one cluster (Redis membership, PostgreSQL state) with the same
/// signing key: nonces, access tokens and refresh tokens work across gateways, and single use holds cluster-wide.
/// </summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class CrossGatewayTests
{
    [Fact]
    public async Task Nonce_IssuedOnOneGateway_IsRedeemableExactlyOnceAnywhere_AndTokensWorkAcrossGateways()
    {
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var settings = GatewayHost.Settings(key, new Dictionary<string, string>
        {
            ["Gateway:Enabled"] = "true",
            ["Logging:LogLevel:GameCluster.Membership"] = "Warning",
        });
        await using var cluster = await ProcessCluster.StartAsync(2, settings);
        using var gatewayA = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{cluster.Silos[0].HttpPort}") };
        using var gatewayB = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{cluster.Silos[1].HttpPort}") };

        var player = await GuestAsync(gatewayA);

        // A nonce from gateway A, redeemed at its grain from a third process (this test's cluster client): once.
        var nonceA = await IssueNonceAsync(gatewayA, player.AccessToken);
        var grain = cluster.GrainFactory.GetGrain<IConnectNonceGrain>(nonceA.Nonce);
        var first = await grain.RedeemAsync();
        var second = await grain.RedeemAsync();
        Assert.Equal(ConnectNonceOutcome.Redeemed, first.Outcome);
        Assert.Equal(player.PlayerId, first.Grant!.PlayerId);
        Assert.Equal(ConnectNonceOutcome.AlreadyRedeemed, second.Outcome);

        // A nonce from gateway B, through the gateway's own redeemer running here against the same cluster; then
        // the grain, as gateway A would see it, refuses it too.
        var nonceB = await IssueNonceAsync(gatewayB, player.AccessToken);
        var redeemer = new ConnectNonceRedeemer(cluster.GrainFactory, NullLogger<ConnectNonceRedeemer>.Instance);
        var principal = await redeemer.RedeemAsync(nonceB.Nonce, Cancel);
        Assert.Equal(player.PlayerId, principal?.FindFirst(GatewayClaims.PlayerId)?.Value);
        Assert.True(principal!.IsInRole(GatewayClaims.PlayerRole));
        Assert.Null(await redeemer.RedeemAsync(nonceB.Nonce, Cancel));
        Assert.Equal(ConnectNonceOutcome.AlreadyRedeemed, (await cluster.GrainFactory.GetGrain<IConnectNonceGrain>(nonceB.Nonce).RedeemAsync()).Outcome);

        // Concurrent redemptions of one nonce: exactly one wins.
        var raced = await IssueNonceAsync(gatewayA, player.AccessToken);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => redeemer.RedeemAsync(raced.Nonce, Cancel)));
        Assert.Single(outcomes, p => p is not null);

        // An access token from A is accepted by B; a refresh token from A rotates on B; reusing it on A is caught.
        using (var profileOnB = await SendAsync(gatewayB, HttpMethod.Get, $"/api/v1/players/{player.PlayerId}/profile", accessToken: player.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, profileOnB.StatusCode);
        }

        using var rotatedOnB = await PostAsync(gatewayB, "/api/v1/auth/refresh", new { refreshToken = player.RefreshToken });
        var rotated = await ReadOkAsync<AuthTokensResponse>(rotatedOnB);
        using var reusedOnA = await PostAsync(gatewayA, "/api/v1/auth/refresh", new { refreshToken = player.RefreshToken });
        await AssertProblemAsync(reusedOnA, HttpStatusCode.Unauthorized, "unauthenticated");
        using var revokedOnB = await PostAsync(gatewayB, "/api/v1/auth/refresh", new { refreshToken = rotated.RefreshToken });
        await AssertProblemAsync(revokedOnB, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    private static async Task<ConnectNonceResponse> IssueNonceAsync(HttpClient gateway, string accessToken)
    {
        using var response = await SendAsync(gateway, HttpMethod.Post, "/api/v1/auth/nonce", accessToken: accessToken);
        return await ReadOkAsync<ConnectNonceResponse>(response);
    }
}
