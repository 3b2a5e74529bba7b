namespace GameCluster.Client;

/// <summary>The tokens of a signed-in player, as the gateway issued them. Persist them to resume a sign-in later.</summary>
/// <param name="PlayerId">The player id (the access token's subject).</param>
/// <param name="AccessToken">The short-lived JWT sent as <c>Authorization: Bearer</c>.</param>
/// <param name="AccessTokenExpiresAt">When the access token expires (gateway clock).</param>
/// <param name="RefreshToken">The single-use refresh token; every refresh replaces it.</param>
/// <param name="RefreshTokenExpiresAt">When the refresh token expires.</param>
/// <param name="TokenType">Always <c>Bearer</c>.</param>
public sealed record AuthTokens(
    string PlayerId,
    string AccessToken,
    DateTimeOffset AccessTokenExpiresAt,
    string RefreshToken,
    DateTimeOffset RefreshTokenExpiresAt,
    string TokenType = "Bearer");
