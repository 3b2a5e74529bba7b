using System.Net;
using GameCluster.Client;
using GameCluster.Tests.Realtime;
using static GameCluster.Tests.ClientSdk.Sdk;

namespace GameCluster.Tests.ClientSdk;

/// <summary>
/// Transparent access-token refresh. The gateway's clock runs 58 s behind and access tokens live 1 minute with no
/// clock skew, so a token it issues expires (for its JWT check, on the real clock) about 2 s later.
/// </summary>
public sealed class TokenRefreshTests(ShortTokenHostFixture fixture) : IClassFixture<ShortTokenHostFixture>
{
    private static readonly TimeSpan TokenLife = ShortTokenHostFixture.TokenLife;
    private const string RefreshPath = "/api/v1/auth/refresh";

    private RealtimeGatewayHost Host => fixture.Host;

    [Fact]
    public async Task ExpiredAccessToken_IsRefreshedBeforeUse_Transparently()
    {
        using var counter = new CountingHandler();
        await using var client = await GuestAsync(Host.HttpBase, new GameClientOptions { AccessTokenRefreshMargin = TimeSpan.FromMilliseconds(500), HttpHandler = counter });
        var first = client.Tokens!;
        Assert.InRange(first.AccessTokenExpiresAt - DateTimeOffset.UtcNow, TimeSpan.Zero, TokenLife + TimeSpan.FromSeconds(1));
        List<AuthTokens?> changes = [];
        client.TokensChanged += (_, tokens) => changes.Add(tokens);

        await client.GetProfileAsync(Cancel);
        Assert.Equal(0, counter[RefreshPath]);

        await Task.Delay(TokenLife + TimeSpan.FromSeconds(1), Cancel);
        var profile = await client.GetProfileAsync(Cancel);

        Assert.Equal(first.PlayerId, profile.PlayerId);
        Assert.Equal(1, counter[RefreshPath]);
        var second = Assert.Single(changes)!;
        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Same(second, client.Tokens);
    }

    [Fact]
    public async Task TokenRejectedByGateway_IsRefreshedAndTheCallRetried_WhenTheClientClockIsBehind()
    {
        using var counter = new CountingHandler();
        var lateClock = new ShiftedTimeProvider(TimeSpan.FromHours(-1)); // the client believes every token is fresh
        await using var client = await GuestAsync(Host.HttpBase, new GameClientOptions { TimeProvider = lateClock, HttpHandler = counter });
        var first = client.Tokens!;

        await Task.Delay(TokenLife + TimeSpan.FromSeconds(1), Cancel);
        Assert.Equal("Renamed", (await client.SetDisplayNameAsync("Renamed", Cancel)).DisplayName);

        Assert.Equal(1, counter[RefreshPath]);
        Assert.Equal(2, counter[$"/api/v1/players/{first.PlayerId}/profile"]); // 401, then the retry
        Assert.NotEqual(first.AccessToken, client.Tokens!.AccessToken);
    }

    [Fact]
    public async Task ConcurrentCallers_ShareOneRefresh()
    {
        using var counter = new CountingHandler();
        await using var client = await GuestAsync(Host.HttpBase, new GameClientOptions { AccessTokenRefreshMargin = TimeSpan.Zero, HttpHandler = counter });
        await Task.Delay(TokenLife + TimeSpan.FromSeconds(1), Cancel);

        var profiles = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.GetProfileAsync(Cancel)));

        Assert.All(profiles, p => Assert.Equal(client.PlayerId, p.PlayerId));
        Assert.Equal(1, counter[RefreshPath]);
    }

    [Fact]
    public async Task RefreshWithAUsedToken_SurfacesTokenRefreshException_AndSignsOut()
    {
        await using var original = await GuestAsync(Host.HttpBase, new GameClientOptions { AccessTokenRefreshMargin = TimeSpan.Zero });
        await using var copy = new GameClient(Host.HttpBase);
        copy.RestoreSession(original.Tokens!);
        await copy.RefreshAsync(Cancel); // rotates: the original's refresh token is now used up
        await Task.Delay(TokenLife + TimeSpan.FromSeconds(1), Cancel);

        var error = await Assert.ThrowsAsync<TokenRefreshException>(() => original.GetProfileAsync(Cancel));
        Assert.True(error.IsSignedOut);
        Assert.Equal((HttpStatusCode.Unauthorized, GameErrorCodes.Unauthenticated), (error.StatusCode, error.Code));
        Assert.Null(original.Tokens);

        // Reuse revoked the whole family: the copy's rotated token is dead too.
        var copyError = await Assert.ThrowsAsync<TokenRefreshException>(() => copy.RefreshAsync(Cancel));
        Assert.True(copyError.IsSignedOut);
    }

    [Fact]
    public async Task Realtime_ReconnectsAfterTheTokenExpired_WithAFreshNonce()
    {
        await using var proxy = new TcpProxy(Host.HttpBase);
        await using var client = await GuestAsync(proxy.Uri, new GameClientOptions { AccessTokenRefreshMargin = TimeSpan.FromMilliseconds(500) });
        await using var connection = await client.ConnectAsync(cancellationToken: Cancel);
        var firstSession = connection.Session!.SessionId;
        var firstToken = client.Tokens!.AccessToken;
        await Task.Delay(TokenLife + TimeSpan.FromSeconds(1), Cancel);

        proxy.DropAll();
        await EventuallyAsync(() => connection.State == RealtimeConnectionState.Connected && connection.Session!.SessionId != firstSession, "reconnected");
        Assert.NotEqual(firstToken, client.Tokens!.AccessToken);
        Assert.Equal(1, await connection.IncrementAsync(1, Cancel));
    }
}
