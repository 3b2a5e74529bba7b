using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GameCluster.Gateway.Auth;
using static GameCluster.Tests.Gateway.GatewayApi;

namespace GameCluster.Tests.Gateway;

/// <summary>Hundreds of generated malformed requests: every answer is 4xx, none 5xx, and nothing is stored.</summary>
[Collection(GatewayCollection.Name)]
public sealed class BadInputTests(GatewayFixture fixture)
{
    private static readonly string[] BodyEndpoints =
        ["/api/v1/auth/guest", "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout", "/api/v1/auth/service/token"];

    [Fact]
    public async Task MalformedRequests_AreAll4xx_AndChangeNoState()
    {
        var player = await GuestAsync(fixture.Http);
        var other = await GuestAsync(fixture.Http);
        var requests = Generate(player, other.PlayerId, fixture.Host.SigningKey).ToList();
        Assert.True(requests.Count >= 500, $"only {requests.Count} requests generated");
        var storedBefore = await fixture.Host.CountStoredGrainStatesAsync();

        List<string> failures = [];
        foreach (var request in requests)
        {
            var status = await SendRawAsync(request);
            if (status is < 400 or >= 500)
            {
                failures.Add($"{status} for {request}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {requests.Count} requests were not answered 4xx:\n{string.Join('\n', failures.Take(20))}");
        Assert.Equal(storedBefore, await fixture.Host.CountStoredGrainStatesAsync());
        using var profile = await SendAsync(fixture.Http, HttpMethod.Get, $"/api/v1/players/{player.PlayerId}/profile", accessToken: player.AccessToken);
        Assert.Equal(string.Empty, (await ReadOkAsync<GameCluster.Grains.PlayerProfile>(profile)).DisplayName);

        // The usernames the malformed registrations carried were never taken.
        using var register = await PostAsync(fixture.Http, "/api/v1/auth/register", new { username = "badinput_user", password = "a valid password" });
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
    }

    private async Task<int> SendRawAsync(RawRequest raw)
    {
        using var request = new HttpRequestMessage(raw.Method, raw.Path);
        if (raw.Body is not null)
        {
            request.Content = new ByteArrayContent(raw.Body);
            if (raw.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", raw.ContentType);
            }
        }

        if (raw.Authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", raw.Authorization);
        }

        try
        {
            using var response = await fixture.Http.SendAsync(request, Cancel);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException) when (raw.Body is { Length: > 64 * 1024 })
        {
            // Kestrel may close the connection after its 413 while a huge body is still being sent.
            return 413;
        }
    }

    private static IEnumerable<RawRequest> Generate(AuthTokensResponse player, string otherPlayerId, byte[] key)
    {
        const string json = "application/json";
        string[] malformedBodies =
        [
            "", " ", "{", "}", "[", "[]", "null", "true", "0", "-1", "\"text\"", "{\"a\":}", "{,}", "{\"deviceId\"}", "{'deviceId':'abc'}",
            "{\"username\":\"abc\",}", "{\"username\": [1,2], \"password\": {\"x\": 1}}", "{\"deviceId\": 12345678}", "{\"deviceId\": true}",
            "{\"deviceId\": null}", "{\"deviceId\": [\"abcdefgh\"]}", "{\"refreshToken\": 5}", "{\"refreshToken\": null}", "{}",
            "{\"name\": 1, \"secret\": 2}", "{\"username\":\"abc\"}", "{\"password\":\"abcdefgh\"}", "\u0000\u0001\u0002", "{\"x\":\"\\uZZZZ\"}",
            new string('[', 100) + new string(']', 100), "{\"deviceId\":" + new string('[', 40) + new string(']', 40) + "}",
            "{\"username\":\"valid_name\",\"password\":\"short\"}", "{\"username\":\"valid_name\",\"password\":" + Quote(new string('p', 129)) + "}",
        ];
        foreach (var path in BodyEndpoints)
        {
            foreach (var body in malformedBodies)
            {
                yield return new RawRequest(HttpMethod.Post, path, Encoding.UTF8.GetBytes(body), json);
            }

            yield return new RawRequest(HttpMethod.Post, path, Encoding.UTF8.GetBytes("{\"deviceId\":\"abcdefgh1\"}"), "text/plain");
            yield return new RawRequest(HttpMethod.Post, path, Encoding.UTF8.GetBytes("deviceId=abcdefgh1"), "application/x-www-form-urlencoded");
            yield return new RawRequest(HttpMethod.Post, path, null, null);
            yield return new RawRequest(HttpMethod.Post, path, new byte[] { 0xff, 0xfe, 0x7b, 0x00 }, json);
            foreach (var size in new[] { 64 * 1024 + 1, 256 * 1024, 1024 * 1024 })
            {
                yield return new RawRequest(HttpMethod.Post, path, Encoding.UTF8.GetBytes("{\"deviceId\":\"" + new string('a', size) + "\"}"), json);
            }

            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
            {
                yield return new RawRequest(method, path, null, null);
            }
        }

        // Truncations of valid bodies are never valid JSON.
        foreach (var valid in new[] { "{\"username\":\"badinput_user\",\"password\":\"a valid password\"}", "{\"deviceId\":\"badinput-device-01\"}" })
        {
            for (var length = 1; length < valid.Length; length++)
            {
                var path = valid.Contains("deviceId", StringComparison.Ordinal) ? "/api/v1/auth/guest" : "/api/v1/auth/register";
                yield return new RawRequest(HttpMethod.Post, path, Encoding.UTF8.GetBytes(valid[..length]), json);
            }
        }

        // Well-formed JSON, invalid values.
        string[] badDeviceIds = ["", "short", "1234567", new string('d', 129), "has space1", "bad/chars", "emoji😀😀😀😀", "tab\tinside", "semi;colon1", "quote\"inside"];
        foreach (var deviceId in badDeviceIds)
        {
            yield return Json("/api/v1/auth/guest", new { deviceId });
        }

        string[] badUsernames = ["", "ab", new string('u', 25), "bad name", "bad/name", "naïve_user", "user@host", "user:name", "🙂🙂🙂"];
        foreach (var username in badUsernames)
        {
            yield return Json("/api/v1/auth/register", new { username, password = "a valid password" });
            yield return Json("/api/v1/auth/login", new { username, password = "a valid password" });
        }

        string[] badPasswords = ["", "short", "1234567", new string('p', 129)];
        foreach (var password in badPasswords)
        {
            yield return Json("/api/v1/auth/register", new { username = "badinput_user", password });
            yield return Json("/api/v1/auth/login", new { username = "badinput_user", password });
        }

        // Refresh and logout with tokens that are not ours.
        var random = new Random(4);
        for (var i = 0; i < 20; i++)
        {
            var token = i % 2 == 0
                ? TokenFormats.FormatRefreshToken(TokenFormats.NewId(), TokenFormats.NewSecret())
                : RandomText(random, random.Next(1, 200));
            yield return Json(i % 4 < 2 ? "/api/v1/auth/refresh" : "/api/v1/auth/logout", new { refreshToken = token });
        }

        yield return Json("/api/v1/auth/refresh", new { refreshToken = player.RefreshToken[..^1] + (player.RefreshToken[^1] == 'A' ? 'B' : 'A') });
        yield return Json("/api/v1/auth/refresh", new { refreshToken = new string('r', 300) });

        // Service accounts with wrong secrets.
        for (var i = 0; i < 10; i++)
        {
            yield return Json("/api/v1/auth/service/token", new { name = i % 2 == 0 ? GatewayHost.OperatorName : "ghost", secret = RandomText(random, 16 + i) });
        }

        // Invalid, expired, tampered tokens on every protected endpoint.
        string[] authorizations =
        [
            "Bearer", "Bearer ", "Bearer garbage", "Bearer a.b.c", "Basic dXNlcjpwYXNz", player.AccessToken, "Bearer " + new string('x', 4000),
            "Bearer " + ForgeToken(key, player.PlayerId, expires: DateTimeOffset.UtcNow.AddHours(-1)),
            "Bearer " + TamperSubject(player.AccessToken, otherPlayerId),
            "Bearer " + TamperSignature(player.AccessToken),
            "Bearer " + ForgeToken(new byte[32], player.PlayerId),
            "Bearer " + ForgeToken(key, player.PlayerId, issuer: "evil"),
            "Bearer " + ForgeToken(key, player.PlayerId, audience: "evil"),
            "Bearer " + UnsignedToken(player.PlayerId, ["player", "operator"]),
            "Bearer " + TamperSubject(player.AccessToken, "service:ops"),
        ];
        (HttpMethod Method, string Path, string? Body)[] protectedEndpoints =
        [
            (HttpMethod.Get, $"/api/v1/players/{player.PlayerId}/profile", null),
            (HttpMethod.Patch, $"/api/v1/players/{player.PlayerId}/profile", "{\"displayName\":\"Changed\"}"),
            (HttpMethod.Post, "/api/v1/auth/nonce", null),
            (HttpMethod.Get, $"/api/v1/operator/players/{player.PlayerId}", null),
        ];
        foreach (var (method, path, body) in protectedEndpoints)
        {
            foreach (var authorization in authorizations)
            {
                yield return new RawRequest(method, path, body is null ? null : Encoding.UTF8.GetBytes(body), body is null ? null : json, authorization);
            }

            yield return new RawRequest(method, path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "access_token=" + player.AccessToken, body is null ? null : Encoding.UTF8.GetBytes(body), body is null ? null : json);
        }

        // A valid token, but invalid or foreign input.
        var bearer = "Bearer " + player.AccessToken;
        foreach (var body in malformedBodies.Concat(["{\"displayName\":\"ab\"}", "{\"displayName\":\"\"}", "{\"displayName\":\"   \"}", "{\"displayName\":\"bad\\u0007name\"}",
                     "{\"displayName\":" + Quote(new string('n', 25)) + "}", "{\"displayName\":" + Quote(new string('n', 5000)) + "}", "{\"displayName\":7}"]))
        {
            yield return new RawRequest(HttpMethod.Patch, $"/api/v1/players/{player.PlayerId}/profile", Encoding.UTF8.GetBytes(body), json, bearer);
        }

        yield return new RawRequest(HttpMethod.Patch, $"/api/v1/players/{otherPlayerId}/profile", Encoding.UTF8.GetBytes("{\"displayName\":\"Mallory\"}"), json, bearer);
        yield return new RawRequest(HttpMethod.Get, $"/api/v1/players/{otherPlayerId}/profile", null, null, bearer);
        yield return new RawRequest(HttpMethod.Get, $"/api/v1/operator/players/{otherPlayerId}", null, null, bearer);
        yield return new RawRequest(HttpMethod.Delete, $"/api/v1/players/{player.PlayerId}/profile", null, null, bearer);
        yield return new RawRequest(HttpMethod.Put, $"/api/v1/players/{player.PlayerId}/profile", Encoding.UTF8.GetBytes("{\"displayName\":\"Changed\"}"), json, bearer);

        // Unknown routes and methods.
        string[] unknownPaths =
        [
            "/api/v1/nothing", "/api/v1/auth", "/api/v1/auth/", "/api/v1/auth/unknown", "/api/v2/auth/guest", "/api/v1/players", "/api/v1/players/x",
            "/api/v1/players/x/profile/extra", "/api/v1/operator", "/api/v1/operator/players", "/api/v1/auth/service", "/API/V1/AUTH/NOPE", "/%00", "/api/v1/..%2f..%2fetc",
        ];
        foreach (var path in unknownPaths)
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete })
            {
                yield return new RawRequest(method, path, method == HttpMethod.Post ? Encoding.UTF8.GetBytes("{}") : null, method == HttpMethod.Post ? json : null, bearer);
            }
        }

        // Random garbage bodies.
        for (var i = 0; i < 60; i++)
        {
            yield return new RawRequest(HttpMethod.Post, BodyEndpoints[i % BodyEndpoints.Length], Encoding.UTF8.GetBytes("{" + RandomText(random, random.Next(0, 300))), json);
        }
    }

    private static RawRequest Json(string path, object body) => new(HttpMethod.Post, path, JsonSerializer.SerializeToUtf8Bytes(body, JsonSerializerOptions.Web), "application/json");

    private static string Quote(string value) => "\"" + value + "\"";

    private static string RandomText(Random random, int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_:{}[]\",\\ ";
        return new string(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
    }

    private sealed record RawRequest(HttpMethod Method, string Path, byte[]? Body, string? ContentType, string? Authorization = null)
    {
        public override string ToString() =>
            $"{Method} {Path} [{ContentType}] auth={(Authorization is null ? "none" : Authorization[..Math.Min(Authorization.Length, 24)])} body={(Body is null ? "none" : Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 80)))}";
    }
}
