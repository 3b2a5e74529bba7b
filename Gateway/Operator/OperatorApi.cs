using GameCluster.Gateway.Auth;
using GameCluster.Gateway.Http;
using GameCluster.Gateway.RateLimiting;
using GameCluster.Grains;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GameCluster.Gateway.Operator;

/// <summary>Operator endpoints under <c>/api/v1/operator</c>: the <c>operator</c> role only.</summary>
public static class OperatorApi
{
    /// <summary>Maps the operator endpoints.</summary>
    public static IEndpointRouteBuilder MapOperatorApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/operator")
            .WithTags("Operator")
            .RequireAuthorization(GatewayClaims.OperatorPolicy)
            .RequireRateLimiting(RateLimitPolicies.PerPlayer);
        api.MapGet("/players/{playerId}", GetPlayerAsync).WithName("OperatorGetPlayer");
        return app;
    }

    /// <summary>Any player's profile.</summary>
    public static async Task<Results<Ok<PlayerProfile>, ProblemHttpResult>> GetPlayerAsync(string playerId, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (CredentialRules.CheckPlayerId(playerId) is { } problem)
        {
            return Problems.Invalid(problem);
        }

        return TypedResults.Ok(await grains.GetGrain<IPlayerGrain>(playerId).GetProfileAsync().WaitAsync(cancellationToken));
    }
}
