using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GameCluster.Gateway.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GameCluster.Tests.Gateway;

/// <summary>Calls of the gateway's HTTP API as a client would make them, and tokens forged for negative tests.</summary>
public static class GatewayApi
{
    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<AuthTokensResponse> GuestAsync(HttpClient http, string? deviceId = null)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/guest", new { deviceId = deviceId ?? NewDeviceId() }, Cancel);
        return await ReadOkAsync<AuthTokensResponse>(response);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient http, string path, object body, string? accessToken = null) =>
        SendAsync(http, HttpMethod.Post, path, JsonContent.Create(body), accessToken);

    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, HttpContent? content = null, string? accessToken = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return await http.SendAsync(request, Cancel);
    }

    public static async Task<T> ReadOkAsync<T>(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web)!;
    }

    /// <summary>Asserts a problem+json answer with the status and stable code; returns its detail.</summary>
    public static async Task<string> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(code, json.RootElement.GetProperty("code").GetString());
        return json.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? string.Empty : string.Empty;
    }

    public static string NewDeviceId() => "dev-" + Guid.NewGuid().ToString("N");

    public static string NewUsername() => "u_" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>A token signed with <paramref name="key"/>; defaults make a valid player token.</summary>
    public static string ForgeToken(
        byte[] key,
        string subject,
        DateTimeOffset? expires = null,
        string issuer = "gamecluster",
        string audience = "gamecluster",
        string[]? roles = null)
    {
        var exp = expires ?? DateTimeOffset.UtcNow.AddMinutes(5);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = exp.UtcDateTime.AddMinutes(-15),
            NotBefore = exp.UtcDateTime.AddMinutes(-15),
            Expires = exp.UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["role"] = roles ?? ["player"], ["jti"] = Guid.NewGuid().ToString("N") },
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>An unsigned (<c>alg: none</c>) token.</summary>
    public static string UnsignedToken(string subject, string[]? roles = null)
    {
        static string Segment(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var exp = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        var payload = JsonSerializer.Serialize(new { sub = subject, role = roles ?? ["player"], iss = "gamecluster", aud = "gamecluster", exp });
        return Segment("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + Segment(payload) + ".";
    }

    /// <summary>The token with its payload replaced by one naming <paramref name="subject"/> (the signature no longer matches).</summary>
    public static string TamperSubject(string token, string subject)
    {
        var parts = token.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlEncoder.Decode(parts[1]))!;
        payload["sub"] = JsonSerializer.SerializeToElement(subject);
        return parts[0] + "." + Base64UrlEncoder.Encode(JsonSerializer.Serialize(payload)) + "." + parts[2];
    }

    /// <summary>The token with one character of its signature changed.</summary>
    public static string TamperSignature(string token)
    {
        var last = token[^2] == 'A' ? 'B' : 'A';
        return token[..^2] + last + token[^1];
    }
}
