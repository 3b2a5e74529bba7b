namespace GameCluster.Gateway.Auth;

/// <summary>An access token of a service account.</summary>
/// <param name="AccessToken">The JWT for <c>Authorization: Bearer</c>.</param>
/// <param name="ExpiresAt">When it expires.</param>
/// <param name="Roles">The roles it carries.</param>
/// <param name="TokenType">Always <c>Bearer</c>.</param>
public sealed record AccessTokenResponse(string AccessToken, DateTimeOffset ExpiresAt, IReadOnlyList<string> Roles, string TokenType = "Bearer");
