namespace GameCluster.Client.Json;

/// <summary>Body of <c>POST /api/v1/auth/register</c> and <c>/login</c>.</summary>
internal sealed record CredentialsBody(string Username, string Password);
