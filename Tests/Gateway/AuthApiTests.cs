using System.Net;
using System.Net.Http.Json;
using GameCluster.Gateway.Auth;
using GameCluster.Grains;
using static GameCluster.Tests.Gateway.GatewayApi;

namespace GameCluster.Tests.Gateway;

/// <summary>Accounts, tokens and authorization end to end over real HTTP against the silo host process.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AuthApiTests(GatewayFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task GuestLogin_SameDeviceTwice_ReturnsTokensForTheSamePlayer()
    {
        var deviceId = NewDeviceId();

        var first = await GuestAsync(Http, deviceId);
        var second = await GuestAsync(Http, deviceId);
        var other = await GuestAsync(Http);

        Assert.Equal(first.PlayerId, second.PlayerId);
        Assert.NotEqual(first.PlayerId, other.PlayerId);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal("Bearer", first.TokenType);
        Assert.InRange(first.AccessTokenExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.5));
        Assert.InRange(first.RefreshTokenExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromDays(6.9), TimeSpan.FromDays(7.1));
        using var profile = await SendAsync(Http, HttpMethod.Get, $"/api/v1/players/{first.PlayerId}/profile", accessToken: first.AccessToken);
        Assert.Equal(first.PlayerId, (await ReadOkAsync<PlayerProfile>(profile)).PlayerId);
    }

    [Fact]
    public async Task Register_ThenLoginCaseInsensitive_ReturnsTheSamePlayer_AndTakenUsernameIs409()
    {
        var username = NewUsername();

        using var registered = await PostAsync(Http, "/api/v1/auth/register", new { username, password = "correct horse" });
        var tokens = await ReadOkAsync<AuthTokensResponse>(registered);
        using var login = await PostAsync(Http, "/api/v1/auth/login", new { username = username.ToUpperInvariant(), password = "correct horse" });
        using var again = await PostAsync(Http, "/api/v1/auth/register", new { username = username.ToUpperInvariant(), password = "another password" });

        Assert.Equal(tokens.PlayerId, (await ReadOkAsync<AuthTokensResponse>(login)).PlayerId);
        await AssertProblemAsync(again, HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task Login_WithWrongPasswordOrUnknownUser_Returns401WithTheSameMessage()
    {
        var username = NewUsername();
        using (var registered = await PostAsync(Http, "/api/v1/auth/register", new { username, password = "correct horse" }))
        {
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        }

        using var wrongPassword = await PostAsync(Http, "/api/v1/auth/login", new { username, password = "wrong horse" });
        using var unknownUser = await PostAsync(Http, "/api/v1/auth/login", new { username = NewUsername(), password = "correct horse" });

        var wrongDetail = await AssertProblemAsync(wrongPassword, HttpStatusCode.Unauthorized, "unauthenticated");
        var unknownDetail = await AssertProblemAsync(unknownUser, HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal(wrongDetail, unknownDetail);
    }

    [Fact]
    public async Task Refresh_RotatesTheToken_AndReusingTheOldOneRevokesTheFamily()
    {
        var signIn = await GuestAsync(Http);

        using var rotated = await PostAsync(Http, "/api/v1/auth/refresh", new { refreshToken = signIn.RefreshToken });
        var next = await ReadOkAsync<AuthTokensResponse>(rotated);
        Assert.Equal(signIn.PlayerId, next.PlayerId);
        Assert.NotEqual(signIn.RefreshToken, next.RefreshToken);
        using (var profile = await SendAsync(Http, HttpMethod.Get, $"/api/v1/players/{next.PlayerId}/profile", accessToken: next.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        }

        using var reuse = await PostAsync(Http, "/api/v1/auth/refresh", new { refreshToken = signIn.RefreshToken });
        await AssertProblemAsync(reuse, HttpStatusCode.Unauthorized, "unauthenticated");

        // The reuse revoked the family: the newest token, never used, is dead too.
        using var newest = await PostAsync(Http, "/api/v1/auth/refresh", new { refreshToken = next.RefreshToken });
        await AssertProblemAsync(newest, HttpStatusCode.Unauthorized, "unauthenticated");

        // Another sign-in of the same player is a new family and unaffected.
        var again = await GuestAsync(Http);
        using var unaffected = await PostAsync(Http, "/api/v1/auth/refresh", new { refreshToken = again.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, unaffected.StatusCode);
    }

    [Fact]
    public async Task Logout_RevokesTheRefreshTokenFamily_AndUnknownTokenIs401()
    {
        var signIn = await GuestAsync(Http);
        using (var rotated = await PostAsync(Http, "/api/v1/auth/refresh", new { refreshToken = signIn.RefreshToken }))
        {
            signIn = await ReadOkAsync<AuthTokensResponse>(rotated);
        }

        using var logout = await PostAsync(Http, "/api/v1/auth/logout", new { refreshToken = signIn.RefreshToken });
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        using var refresh = await PostAsync(Http, "/api/v1/auth/refresh", new { refreshToken = signIn.RefreshToken });
        await AssertProblemAsync(refresh, HttpStatusCode.Unauthorized, "unauthenticated");
        var unknown = TokenFormats.FormatRefreshToken(TokenFormats.NewId(), TokenFormats.NewSecret());
        using var logoutUnknown = await PostAsync(Http, "/api/v1/auth/logout", new { refreshToken = unknown });
        await AssertProblemAsync(logoutUnknown, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task Profile_OfAnotherPlayer_Returns403_ForReadAndWrite()
    {
        var alice = await GuestAsync(Http);
        var bob = await GuestAsync(Http);

        using var read = await SendAsync(Http, HttpMethod.Get, $"/api/v1/players/{bob.PlayerId}/profile", accessToken: alice.AccessToken);
        using var write = await SendAsync(Http, HttpMethod.Patch, $"/api/v1/players/{bob.PlayerId}/profile", JsonContent.Create(new { displayName = "Mallory" }), alice.AccessToken);
        using var own = await SendAsync(Http, HttpMethod.Patch, $"/api/v1/players/{alice.PlayerId}/profile", JsonContent.Create(new { displayName = "Alice" }), alice.AccessToken);

        await AssertProblemAsync(read, HttpStatusCode.Forbidden, "forbidden");
        await AssertProblemAsync(write, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal("Alice", (await ReadOkAsync<PlayerProfile>(own)).DisplayName);
        using var bobProfile = await SendAsync(Http, HttpMethod.Get, $"/api/v1/players/{bob.PlayerId}/profile", accessToken: bob.AccessToken);
        Assert.Equal(string.Empty, (await ReadOkAsync<PlayerProfile>(bobProfile)).DisplayName);
    }

    [Fact]
    public async Task OperatorEndpoint_WithPlayerOrKioskToken_Returns403_AndWithOperatorServiceAccount_Returns200()
    {
        var player = await GuestAsync(Http);
        using (var named = await SendAsync(Http, HttpMethod.Patch, $"/api/v1/players/{player.PlayerId}/profile", JsonContent.Create(new { displayName = "Watched" }), player.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        }

        using var operatorToken = await PostAsync(Http, "/api/v1/auth/service/token", new { name = GatewayHost.OperatorName, secret = GatewayHost.OperatorSecret });
        var op = await ReadOkAsync<AccessTokenResponse>(operatorToken);
        using var kioskToken = await PostAsync(Http, "/api/v1/auth/service/token", new { name = GatewayHost.KioskName, secret = GatewayHost.KioskSecret });
        var kiosk = await ReadOkAsync<AccessTokenResponse>(kioskToken);

        using var asPlayer = await SendAsync(Http, HttpMethod.Get, $"/api/v1/operator/players/{player.PlayerId}", accessToken: player.AccessToken);
        using var asKiosk = await SendAsync(Http, HttpMethod.Get, $"/api/v1/operator/players/{player.PlayerId}", accessToken: kiosk.AccessToken);
        using var anonymous = await SendAsync(Http, HttpMethod.Get, $"/api/v1/operator/players/{player.PlayerId}");
        using var asOperator = await SendAsync(Http, HttpMethod.Get, $"/api/v1/operator/players/{player.PlayerId}", accessToken: op.AccessToken);
        using var operatorReadsProfile = await SendAsync(Http, HttpMethod.Get, $"/api/v1/players/{player.PlayerId}/profile", accessToken: op.AccessToken);
        using var operatorWritesProfile = await SendAsync(Http, HttpMethod.Patch, $"/api/v1/players/{player.PlayerId}/profile", JsonContent.Create(new { displayName = "Hijack" }), op.AccessToken);

        Assert.Equal(["operator"], op.Roles);
        await AssertProblemAsync(asPlayer, HttpStatusCode.Forbidden, "forbidden");
        await AssertProblemAsync(asKiosk, HttpStatusCode.Forbidden, "forbidden");
        await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal("Watched", (await ReadOkAsync<PlayerProfile>(asOperator)).DisplayName);
        Assert.Equal("Watched", (await ReadOkAsync<PlayerProfile>(operatorReadsProfile)).DisplayName);
        await AssertProblemAsync(operatorWritesProfile, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task PlayerRoutesAndNonce_WithServiceAccountActingAsItself_Return403()
    {
        using var operatorToken = await PostAsync(Http, "/api/v1/auth/service/token", new { name = GatewayHost.OperatorName, secret = GatewayHost.OperatorSecret });
        var op = await ReadOkAsync<AccessTokenResponse>(operatorToken);
        using var kioskToken = await PostAsync(Http, "/api/v1/auth/service/token", new { name = GatewayHost.KioskName, secret = GatewayHost.KioskSecret });
        var kiosk = await ReadOkAsync<AccessTokenResponse>(kioskToken);
        var kioskRoute = $"/api/v1/players/service:{GatewayHost.KioskName}/profile";
        var operatorRoute = $"/api/v1/players/service:{GatewayHost.OperatorName}/profile";

        using var kioskReads = await SendAsync(Http, HttpMethod.Get, kioskRoute, accessToken: kiosk.AccessToken);
        using var kioskWrites = await SendAsync(Http, HttpMethod.Patch, kioskRoute, JsonContent.Create(new { displayName = "Kiosk" }), kiosk.AccessToken);
        using var operatorWrites = await SendAsync(Http, HttpMethod.Patch, operatorRoute, JsonContent.Create(new { displayName = "Ops" }), op.AccessToken);
        using var kioskNonce = await SendAsync(Http, HttpMethod.Post, "/api/v1/auth/nonce", accessToken: kiosk.AccessToken);
        using var operatorNonce = await SendAsync(Http, HttpMethod.Post, "/api/v1/auth/nonce", accessToken: op.AccessToken);

        await AssertProblemAsync(kioskReads, HttpStatusCode.Forbidden, "forbidden");
        await AssertProblemAsync(kioskWrites, HttpStatusCode.Forbidden, "forbidden");
        await AssertProblemAsync(operatorWrites, HttpStatusCode.Forbidden, "forbidden");
        await AssertProblemAsync(kioskNonce, HttpStatusCode.Forbidden, "forbidden");
        await AssertProblemAsync(operatorNonce, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task ServiceToken_WithWrongSecretOrUnknownName_Returns401()
    {
        using var wrongSecret = await PostAsync(Http, "/api/v1/auth/service/token", new { name = GatewayHost.OperatorName, secret = GatewayHost.KioskSecret });
        using var unknown = await PostAsync(Http, "/api/v1/auth/service/token", new { name = "nobody", secret = GatewayHost.OperatorSecret });

        await AssertProblemAsync(wrongSecret, HttpStatusCode.Unauthorized, "unauthenticated");
        await AssertProblemAsync(unknown, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task ProtectedEndpoint_WithExpiredTamperedOrForeignToken_Returns401()
    {
        var player = await GuestAsync(Http);
        var victim = await GuestAsync(Http);
        var key = fixture.Host.SigningKey;
        string[] tokens =
        [
            ForgeToken(key, player.PlayerId, expires: DateTimeOffset.UtcNow.AddMinutes(-2)),
            TamperSubject(player.AccessToken, victim.PlayerId),
            TamperSignature(player.AccessToken),
            ForgeToken(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), player.PlayerId),
            ForgeToken(key, player.PlayerId, issuer: "someone-else"),
            ForgeToken(key, player.PlayerId, audience: "someone-else"),
            UnsignedToken(player.PlayerId),
            "not-a-jwt",
        ];

        foreach (var token in tokens)
        {
            using var response = await SendAsync(Http, HttpMethod.Get, $"/api/v1/players/{victim.PlayerId}/profile", accessToken: token);
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
        }

        // The access token in the query string counts only on /ws.
        using var query = await SendAsync(Http, HttpMethod.Get, $"/api/v1/players/{player.PlayerId}/profile?access_token={player.AccessToken}");
        await AssertProblemAsync(query, HttpStatusCode.Unauthorized, "unauthenticated");

        // A correctly forged token (same key) is accepted: the negative cases above fail for the reason they name.
        using var valid = await SendAsync(Http, HttpMethod.Get, $"/api/v1/players/{player.PlayerId}/profile", accessToken: ForgeToken(key, player.PlayerId));
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    [Fact]
    public async Task Nonce_WithPlayerToken_IsIssued_AndWithoutTokenIs401()
    {
        var player = await GuestAsync(Http);

        using var issued = await SendAsync(Http, HttpMethod.Post, "/api/v1/auth/nonce", accessToken: player.AccessToken);
        using var anonymous = await SendAsync(Http, HttpMethod.Post, "/api/v1/auth/nonce");

        var nonce = await ReadOkAsync<ConnectNonceResponse>(issued);
        Assert.True(TokenFormats.IsWellFormedNonce(nonce.Nonce));
        Assert.InRange(nonce.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(31));
        await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized, "unauthenticated");
    }
}
