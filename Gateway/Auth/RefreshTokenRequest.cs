namespace GameCluster.Gateway.Auth;

/// <summary>Body of <c>POST /api/v1/auth/refresh</c> and <c>POST /api/v1/auth/logout</c>.</summary>
/// <param name="RefreshToken">The refresh token last received.</param>
public sealed record RefreshTokenRequest(string? RefreshToken);
