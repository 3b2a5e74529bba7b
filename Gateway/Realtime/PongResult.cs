namespace GameCluster.Gateway.Realtime;

/// <summary>Result of <c>ping</c>.</summary>
/// <param name="ServerTime">The gateway's clock.</param>
public sealed record PongResult(DateTimeOffset ServerTime);
