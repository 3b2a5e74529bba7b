using System.Globalization;
using GameCluster.Gateway.Auth;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.JsonWebTokens;

namespace GameCluster.Gateway.Realtime;

/// <summary>
/// Finds the player (a credential with the <c>player</c> role) of a <c>/ws</c> connection attempt from an <c>Authorization: Bearer</c> header, an
/// <c>access_token</c> query parameter (only without an <c>Authorization</c> header) or a single-use <c>nonce</c>, with
/// the JWT bearer scheme's validation parameters. It returns only the player id: nothing of the token or the principal
/// outlives the check, so an open socket does not keep them. Both ways into a session use it: the connection-level
/// upgrade (<see cref="Upgrade.RealtimeUpgradeMiddleware"/>) and the HTTP endpoint (<see cref="RealtimeEndpoint"/>),
/// for which the bearer handler leaves <c>/ws</c> alone.
/// </summary>
public sealed class RealtimeAuthenticator(IOptionsMonitor<JwtBearerOptions> bearerOptions, IConnectNonceRedeemer nonces)
{
    /// <summary>The longest accepted player id.</summary>
    public const int MaxPlayerIdLength = 128;

    /// <summary>The longest accepted nonce.</summary>
    public const int MaxNonceLength = 512;

    private readonly JsonWebTokenHandler _tokens = new() { MapInboundClaims = false };

    /// <summary>
    /// The player id, or <see langword="null"/> when no credential is valid. A bearer token is tried first; a nonce
    /// only when there is no valid token, and it is used up when it is valid.
    /// </summary>
    /// <param name="authorization">The <c>Authorization</c> header values.</param>
    /// <param name="query">The query string's parameters.</param>
    /// <param name="cancellationToken">Cancelled when the connection is gone.</param>
    public async Task<string?> AuthenticateAsync(StringValues authorization, IQueryCollection query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (TokenOf(authorization, query) is { } token && await PlayerOfTokenAsync(token) is { } player)
        {
            return player;
        }

        if (query.TryGetValue("nonce", out var nonce) && nonce.ToString() is { Length: > 0 and <= MaxNonceLength } value)
        {
            var principal = await nonces.RedeemAsync(value, cancellationToken);
            return principal is not null && principal.HasClaim(GatewayClaims.Role, GatewayClaims.PlayerRole)
                ? ValidPlayerId(principal.FindFirst(GatewayClaims.PlayerId)?.Value)
                : null;
        }

        return null;
    }

    /// <summary>Reads the optional <c>last_seq</c>; <see langword="false"/> when it is present but not a non-negative integer.</summary>
    public static bool TryReadLastSeq(IQueryCollection query, out long? lastSeq)
    {
        ArgumentNullException.ThrowIfNull(query);
        lastSeq = null;
        if (!query.TryGetValue("last_seq", out var text))
        {
            return true;
        }

        if (!long.TryParse(text.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        lastSeq = parsed;
        return true;
    }

    // As the bearer handler reads it: "Bearer <token>" from the header; the query parameter only without any header.
    private static string? TokenOf(StringValues authorization, IQueryCollection query)
    {
        if (authorization.Count > 0)
        {
            var header = authorization.ToString();
            return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header[7..].Trim() is { Length: > 0 } bearer ? bearer : null;
        }

        return query.TryGetValue("access_token", out var values) && values is [{ Length: > 0 } token] ? token : null;
    }

    private async Task<string?> PlayerOfTokenAsync(string token)
    {
        var parameters = bearerOptions.Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters;
        var result = await _tokens.ValidateTokenAsync(token, parameters);
        // Only players have sessions: a service account's token (operator, kiosk) carries no player role.
        return result.IsValid && result.ClaimsIdentity.HasClaim(GatewayClaims.Role, GatewayClaims.PlayerRole) && result.Claims.TryGetValue(GatewayClaims.PlayerId, out var subject)
            ? ValidPlayerId(subject as string)
            : null;
    }

    private static string? ValidPlayerId(string? id) => id is { Length: > 0 and <= MaxPlayerIdLength } ? id : null;
}
