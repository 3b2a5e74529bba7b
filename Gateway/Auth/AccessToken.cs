namespace GameCluster.Gateway.Auth;

/// <summary>A signed access token and its expiry.</summary>
/// <param name="Token">The JWT.</param>
/// <param name="ExpiresAt">When it expires.</param>
public readonly record struct AccessToken(string Token, DateTimeOffset ExpiresAt);
