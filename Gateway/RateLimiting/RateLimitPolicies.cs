namespace GameCluster.Gateway.RateLimiting;

/// <summary>Names of the gateway's rate limiting policies.</summary>
public static class RateLimitPolicies
{
    /// <summary>Per client IP: sign-in, registration, refresh, logout, service tokens.</summary>
    public const string PerIp = "per-ip";

    /// <summary>Per player (JWT <c>sub</c>): authenticated HTTP endpoints.</summary>
    public const string PerPlayer = "per-player";
}
