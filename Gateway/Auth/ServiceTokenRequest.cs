namespace GameCluster.Gateway.Auth;

/// <summary>Body of <c>POST /api/v1/auth/service/token</c>.</summary>
/// <param name="Name">The service account's name.</param>
/// <param name="Secret">The service account's secret.</param>
public sealed record ServiceTokenRequest(string? Name, string? Secret);
