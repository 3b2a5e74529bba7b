namespace GameCluster.Gateway;

/// <summary>What <c>GET /api/v1/info</c> answers.</summary>
/// <param name="Service">The service name.</param>
/// <param name="Version">The build version.</param>
public sealed record GatewayInfo(string Service, string Version);
