using GameCluster.Gateway.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace GameCluster.Gateway.Auth;

/// <summary>
/// Validates access tokens: HS256 with the gateway's key, issuer, audience, lifetime with a small clock skew. The
/// token comes from <c>Authorization: Bearer</c>; requests to <c>/ws</c> are left to
/// <see cref="Realtime.RealtimeAuthenticator"/> (which also accepts the <c>access_token</c> query string there, as browsers
/// cannot set headers on a WebSocket) with these same parameters. Failures answer problem+json.
/// </summary>
public sealed class JwtBearerOptionsSetup(IOptions<AuthOptions> options, SigningKeyProvider signingKeys) : IConfigureNamedOptions<JwtBearerOptions>
{
    /// <summary>The path whose requests may carry the token in the query string.</summary>
    public const string WebSocketPath = "/ws";

    /// <inheritdoc />
    public void Configure(string? name, JwtBearerOptions bearer)
    {
        if (name == JwtBearerDefaults.AuthenticationScheme)
        {
            Configure(bearer);
        }
    }

    /// <inheritdoc />
    public void Configure(JwtBearerOptions bearer)
    {
        ArgumentNullException.ThrowIfNull(bearer);
        var auth = options.Value;
        bearer.MapInboundClaims = false;
        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = auth.Issuer,
            ValidateAudience = true,
            ValidAudience = auth.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            IssuerSigningKey = signingKeys.Key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = auth.ClockSkew,
            NameClaimType = GatewayClaims.PlayerId,
            RoleClaimType = GatewayClaims.Role,
        };
        bearer.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                if (context.HttpContext.Request.Path.Equals(WebSocketPath, StringComparison.Ordinal))
                {
                    // The socket endpoint checks its credential itself and keeps only the player id: a principal set
                    // here would live (with the token) as long as the socket.
                    context.NoResult();
                }

                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                var expired = context.AuthenticateFailure is SecurityTokenExpiredException;
                context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
                await Problems.Unauthenticated(expired ? "The access token expired; refresh it." : "A valid access token is required.")
                    .ExecuteAsync(context.HttpContext);
            },
            OnForbidden = context => Problems.Forbidden("This needs a role the caller does not have.").ExecuteAsync(context.HttpContext),
        };
    }
}
