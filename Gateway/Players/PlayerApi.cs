using System.Security.Claims;
using GameCluster.Gateway.Auth;
using GameCluster.Gateway.Http;
using GameCluster.Gateway.RateLimiting;
using GameCluster.Grains;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GameCluster.Gateway.Players;

/// <summary>A player's own resources under <c>/api/v1/players/{playerId}</c>: a player acts only as themself.</summary>
public static class PlayerApi
{
    /// <summary>Maps the player endpoints.</summary>
    public static IEndpointRouteBuilder MapPlayerApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/players/{playerId}")
            .WithTags("Players")
            .RequireRateLimiting(RateLimitPolicies.PerPlayer);
        api.MapGet("/profile", GetProfileAsync).RequireAuthorization(GatewayClaims.PlayerOrOperatorPolicy).WithName("GetProfile");
        api.MapPatch("/profile", SetDisplayNameAsync).RequireAuthorization(GatewayClaims.PlayerPolicy).WithName("SetDisplayName");
        return app;
    }

    /// <summary>The player's profile; the player themself or an operator.</summary>
    public static async Task<Results<Ok<PlayerProfile>, ProblemHttpResult>> GetProfileAsync(
        string playerId, ClaimsPrincipal user, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!IsSelf(user, playerId))
        {
            if (!user.IsInRole(GatewayClaims.OperatorRole))
            {
                return Problems.Forbidden("A player can only read their own profile.");
            }

            if (CredentialRules.CheckPlayerId(playerId) is { } problem)
            {
                return Problems.Invalid(problem);
            }
        }

        return TypedResults.Ok(await grains.GetGrain<IPlayerGrain>(playerId).GetProfileAsync().WaitAsync(cancellationToken));
    }

    /// <summary>Changes the player's display name; only the player themself.</summary>
    public static async Task<Results<Ok<PlayerProfile>, ProblemHttpResult>> SetDisplayNameAsync(
        string playerId, [FromBody] SetDisplayNameRequest request, ClaimsPrincipal user, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!IsSelf(user, playerId))
        {
            return Problems.Forbidden("A player can only change their own profile.");
        }

        if (request.DisplayName is not { Length: >= 1 and <= 256 })
        {
            return Problems.Invalid("displayName: 3 to 24 characters.");
        }

        return TypedResults.Ok(await grains.GetGrain<IPlayerGrain>(playerId).SetDisplayNameAsync(request.DisplayName).WaitAsync(cancellationToken));
    }

    /// <summary>
    /// Whether the caller is the player <paramref name="playerId"/>: a player token for that subject. A service
    /// account's subject (<c>service:{name}</c>) is never a player, so it cannot act as one.
    /// </summary>
    private static bool IsSelf(ClaimsPrincipal user, string playerId) =>
        user.IsInRole(GatewayClaims.PlayerRole)
        && user.FindFirstValue(GatewayClaims.PlayerId) is { Length: > 0 } subject
        && string.Equals(subject, playerId, StringComparison.Ordinal);
}
