namespace GameCluster.Gateway.Auth;

/// <summary>Body of <c>POST /api/v1/auth/register</c> and <c>POST /api/v1/auth/login</c>.</summary>
/// <param name="Username">3 to 24 characters of letters, digits, '_', '.', '-'; case-insensitive.</param>
/// <param name="Password">8 to 128 characters.</param>
public sealed record CredentialsRequest(string? Username, string? Password);
