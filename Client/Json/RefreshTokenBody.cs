namespace GameCluster.Client.Json;

/// <summary>Body of <c>POST /api/v1/auth/refresh</c> and <c>/logout</c>.</summary>
internal sealed record RefreshTokenBody(string RefreshToken);
