using System.Net;
using GameCluster.Client;
using GameCluster.Tests.Realtime;
using static GameCluster.Tests.ClientSdk.Sdk;

namespace GameCluster.Tests.ClientSdk;

/// <summary>The SDK's sign-in and typed HTTP calls against a real gateway on Kestrel.</summary>
public sealed class GameClientHttpTests(ClientSdkHostFixture fixture) : IClassFixture<ClientSdkHostFixture>
{
    private RealtimeGatewayHost Host => fixture.Host;

    [Fact]
    public async Task LoginAsGuest_ThenProfileRoundTrip_ReturnsTheChangedProfile()
    {
        var deviceId = NewDeviceId();
        await using var client = new GameClient(Host.HttpBase);
        AuthTokens? announced = null;
        client.TokensChanged += (_, tokens) => announced = tokens;

        var tokens = await client.LoginAsGuestAsync(deviceId, Cancel);
        Assert.Same(tokens, announced);
        Assert.Equal(tokens.PlayerId, client.PlayerId);
        Assert.Equal("Bearer", tokens.TokenType);

        var profile = await client.GetProfileAsync(Cancel);
        Assert.Equal(tokens.PlayerId, profile.PlayerId);

        var changed = await client.SetDisplayNameAsync("Ada Lovelace", Cancel);
        Assert.Equal("Ada Lovelace", changed.DisplayName);
        Assert.Equal("Ada Lovelace", (await client.GetProfileAsync(Cancel)).DisplayName);

        // The same device signs in as the same player.
        await using var again = await GuestAsync(Host.HttpBase, deviceId: deviceId);
        Assert.Equal(tokens.PlayerId, again.PlayerId);
        Assert.Equal("Ada Lovelace", (await again.GetProfileAsync(Cancel)).DisplayName);
    }

    [Fact]
    public async Task RegisterLoginLogout_UsernameAccount_RoundTrips()
    {
        var username = "u_" + Guid.NewGuid().ToString("N")[..16];
        await using var client = new GameClient(Host.HttpBase);
        var registered = await client.RegisterAsync(username, "correct horse battery", Cancel);

        await using var other = new GameClient(Host.HttpBase);
        var signedIn = await other.LoginAsync(username.ToUpperInvariant(), "correct horse battery", Cancel);
        Assert.Equal(registered.PlayerId, signedIn.PlayerId);

        await other.LogoutAsync(Cancel);
        Assert.Null(other.Tokens);
        var notSignedIn = await Assert.ThrowsAsync<GameClientException>(() => other.GetProfileAsync(Cancel));
        Assert.Equal(GameErrorCodes.NotSignedIn, notSignedIn.Code);

        // The logged-out refresh token is revoked: restoring it and refreshing fails, typed, and signs out.
        await using var restored = new GameClient(Host.HttpBase);
        restored.RestoreSession(signedIn);
        var refresh = await Assert.ThrowsAsync<TokenRefreshException>(() => restored.RefreshAsync(Cancel));
        Assert.True(refresh.IsSignedOut);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        Assert.Equal(GameErrorCodes.Unauthenticated, refresh.Code);
        Assert.Null(restored.Tokens);

        // The first client's sign-in is a separate family and still works.
        Assert.Equal(registered.PlayerId, (await client.GetProfileAsync(Cancel)).PlayerId);
    }

    [Fact]
    public async Task Errors_CarryStatusAndStableCode()
    {
        var username = "u_" + Guid.NewGuid().ToString("N")[..16];
        await using var client = new GameClient(Host.HttpBase);
        await client.RegisterAsync(username, "password-123", Cancel);

        await using var anonymous = new GameClient(Host.HttpBase);
        var conflict = await Assert.ThrowsAsync<GameClientException>(() => anonymous.RegisterAsync(username, "password-456", Cancel));
        Assert.Equal((HttpStatusCode.Conflict, GameErrorCodes.Conflict), (conflict.StatusCode, conflict.Code));

        var wrongPassword = await Assert.ThrowsAsync<GameClientException>(() => anonymous.LoginAsync(username, "wrong-password", Cancel));
        Assert.Equal((HttpStatusCode.Unauthorized, GameErrorCodes.Unauthenticated), (wrongPassword.StatusCode, wrongPassword.Code));
        Assert.Null(anonymous.Tokens);

        var badDevice = await Assert.ThrowsAsync<GameClientException>(() => anonymous.LoginAsGuestAsync("x", Cancel));
        Assert.Equal((HttpStatusCode.BadRequest, GameErrorCodes.InvalidRequest), (badDevice.StatusCode, badDevice.Code));

        await using var stranger = await GuestAsync(Host.HttpBase);
        var forbidden = await Assert.ThrowsAsync<GameClientException>(() => client.GetProfileAsync(stranger.PlayerId!, Cancel));
        Assert.Equal((HttpStatusCode.Forbidden, GameErrorCodes.Forbidden), (forbidden.StatusCode, forbidden.Code));

        var badName = await Assert.ThrowsAsync<GameClientException>(() => client.SetDisplayNameAsync(string.Empty, Cancel));
        Assert.Equal((HttpStatusCode.BadRequest, GameErrorCodes.InvalidRequest), (badName.StatusCode, badName.Code));
        Assert.False(string.IsNullOrEmpty(badName.Message));
    }

    [Fact]
    public async Task UnreachableGateway_FailsWithConnectionFailed()
    {
        await using var proxy = new TcpProxy(Host.HttpBase);
        var dead = proxy.Uri;
        await proxy.DisposeAsync();
        await using var client = new GameClient(dead, new GameClientOptions { RequestTimeout = TimeSpan.FromSeconds(5) });
        var error = await Assert.ThrowsAsync<GameClientException>(() => client.LoginAsGuestAsync(NewDeviceId(), Cancel));
        Assert.Equal(GameErrorCodes.ConnectionFailed, error.Code);
        Assert.Null(error.StatusCode);
    }
}
