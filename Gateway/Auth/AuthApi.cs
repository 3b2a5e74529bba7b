using System.Security.Claims;
using GameCluster.Gateway.Http;
using GameCluster.Gateway.RateLimiting;
using GameCluster.Grains;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GameCluster.Gateway.Auth;

/// <summary>Accounts and tokens under <c>/api/v1/auth</c>.</summary>
public static partial class AuthApi
{
    private const string UnknownCredentials = "Unknown username or wrong password.";
    private const string InvalidRefreshToken = "The refresh token is invalid, used, expired or revoked; sign in again.";

    /// <summary>Maps the auth endpoints.</summary>
    public static IEndpointRouteBuilder MapAuthApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/auth").WithTags("Auth");
        api.MapPost("/guest", GuestAsync).AllowAnonymous().RequireRateLimiting(RateLimitPolicies.PerIp).WithName("GuestLogin");
        api.MapPost("/register", RegisterAsync).AllowAnonymous().RequireRateLimiting(RateLimitPolicies.PerIp).WithName("Register");
        api.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(RateLimitPolicies.PerIp).WithName("Login");
        api.MapPost("/refresh", RefreshAsync).AllowAnonymous().RequireRateLimiting(RateLimitPolicies.PerIp).WithName("Refresh");
        api.MapPost("/logout", LogoutAsync).AllowAnonymous().RequireRateLimiting(RateLimitPolicies.PerIp).WithName("Logout");
        api.MapPost("/service/token", ServiceTokenAsync).AllowAnonymous().RequireRateLimiting(RateLimitPolicies.PerIp).WithName("ServiceToken");
        api.MapPost("/nonce", NonceAsync).RequireAuthorization(GatewayClaims.PlayerPolicy).RequireRateLimiting(RateLimitPolicies.PerPlayer).WithName("ConnectNonce");
        return app;
    }

    /// <summary>Signs a device in as a guest, creating its account and player on first use.</summary>
    public static async Task<Results<Ok<AuthTokensResponse>, ProblemHttpResult>> GuestAsync(
        [FromBody] GuestLoginRequest request, [AsParameters] AuthServices services, CancellationToken cancellationToken)
    {
        if (CredentialRules.CheckDeviceId(request.DeviceId) is { } problem)
        {
            return Problems.Invalid(problem);
        }

        var account = await services.Grains.GetGrain<IAccountGrain>(CredentialRules.DeviceKey(request.DeviceId!)).SignInAsGuestAsync().WaitAsync(cancellationToken);
        return TypedResults.Ok(await services.Tokens.IssueAsync(account.PlayerId, account.Roles, cancellationToken));
    }

    /// <summary>Registers a username account and signs it in; 409 when the username is taken.</summary>
    public static async Task<Results<Ok<AuthTokensResponse>, ProblemHttpResult>> RegisterAsync(
        [FromBody] CredentialsRequest request, [AsParameters] AuthServices services, CancellationToken cancellationToken)
    {
        if ((CredentialRules.CheckUsername(request.Username) ?? CredentialRules.CheckPassword(request.Password)) is { } problem)
        {
            return Problems.Invalid(problem);
        }

        var account = await services.Grains.GetGrain<IAccountGrain>(CredentialRules.UserKey(request.Username!)).RegisterAsync(request.Password!).WaitAsync(cancellationToken);
        if (account.Outcome == AccountOutcome.UsernameTaken)
        {
            return Problems.Conflict("This username is taken.");
        }

        return TypedResults.Ok(await services.Tokens.IssueAsync(account.PlayerId, account.Roles, cancellationToken));
    }

    /// <summary>Signs a username account in; 401 (one message for unknown user and wrong password).</summary>
    public static async Task<Results<Ok<AuthTokensResponse>, ProblemHttpResult>> LoginAsync(
        [FromBody] CredentialsRequest request, [AsParameters] AuthServices services, CancellationToken cancellationToken)
    {
        if ((CredentialRules.CheckUsername(request.Username) ?? CredentialRules.CheckPassword(request.Password)) is { } problem)
        {
            return Problems.Invalid(problem);
        }

        var account = await services.Grains.GetGrain<IAccountGrain>(CredentialRules.UserKey(request.Username!)).SignInAsync(request.Password!).WaitAsync(cancellationToken);
        if (account.Outcome != AccountOutcome.Succeeded)
        {
            LogSignInFailed(services.Logger);
            return Problems.Unauthenticated(UnknownCredentials);
        }

        return TypedResults.Ok(await services.Tokens.IssueAsync(account.PlayerId, account.Roles, cancellationToken));
    }

    /// <summary>Rotates a refresh token; 401 when it is unknown, used (which revokes its family), expired or revoked.</summary>
    public static async Task<Results<Ok<AuthTokensResponse>, ProblemHttpResult>> RefreshAsync(
        [FromBody] RefreshTokenRequest request, [AsParameters] AuthServices services, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.RefreshToken) || request.RefreshToken.Length > 256)
        {
            return Problems.Invalid("refreshToken: required.");
        }

        var attempt = await services.Tokens.RefreshAsync(request.RefreshToken, cancellationToken);
        return attempt.Tokens is { } tokens ? TypedResults.Ok(tokens) : Problems.Unauthenticated(InvalidRefreshToken);
    }

    /// <summary>Revokes the refresh token's family; 204, or 401 for an unknown token.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> LogoutAsync(
        [FromBody] RefreshTokenRequest request, [AsParameters] AuthServices services, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.RefreshToken) || request.RefreshToken.Length > 256)
        {
            return Problems.Invalid("refreshToken: required.");
        }

        return await services.Tokens.RevokeAsync(request.RefreshToken, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.Unauthenticated("Unknown refresh token.");
    }

    /// <summary>Exchanges a service account's name and secret for an access token with its roles.</summary>
    public static Results<Ok<AccessTokenResponse>, ProblemHttpResult> ServiceTokenAsync(
        [FromBody] ServiceTokenRequest request, [AsParameters] AuthServices services)
    {
        if (request.Name is not { Length: >= 1 and <= 64 } || request.Secret is not { Length: >= 1 and <= 256 })
        {
            return Problems.Invalid("name (1 to 64 characters) and secret (1 to 256 characters) are required.");
        }

        if (services.ServiceAccounts.Authenticate(request.Name, request.Secret) is not { } account)
        {
            LogServiceAccountRejected(services.Logger);
            return Problems.Unauthenticated("Unknown service account or wrong secret.");
        }

        var roles = account.Roles.Distinct(StringComparer.Ordinal).ToArray();
        var token = services.Tokens.CreateAccessToken(ServiceAccountAuthenticator.SubjectOf(account), roles);
        return TypedResults.Ok(new AccessTokenResponse(token.Token, token.ExpiresAt, roles));
    }

    /// <summary>Issues a single-use connect nonce for the realtime socket to the signed-in caller.</summary>
    public static async Task<Ok<ConnectNonceResponse>> NonceAsync(ClaimsPrincipal user, [AsParameters] AuthServices services, CancellationToken cancellationToken) =>
        TypedResults.Ok(await services.Tokens.IssueNonceAsync(user, cancellationToken));
}
