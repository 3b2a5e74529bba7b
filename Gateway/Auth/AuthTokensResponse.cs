namespace GameCluster.Gateway.Auth;

/// <summary>Tokens of a signed-in player.</summary>
/// <param name="PlayerId">The player id (the access token's <c>sub</c>).</param>
/// <param name="AccessToken">The JWT for <c>Authorization: Bearer</c>.</param>
/// <param name="AccessTokenExpiresAt">When the access token expires.</param>
/// <param name="RefreshToken">The single-use refresh token for <c>POST /api/v1/auth/refresh</c>.</param>
/// <param name="RefreshTokenExpiresAt">When the refresh token expires.</param>
/// <param name="TokenType">Always <c>Bearer</c>.</param>
public sealed record AuthTokensResponse(
    string PlayerId,
    string AccessToken,
    DateTimeOffset AccessTokenExpiresAt,
    string RefreshToken,
    DateTimeOffset RefreshTokenExpiresAt,
    string TokenType = "Bearer");
