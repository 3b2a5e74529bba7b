namespace GameCluster.Client.Json;

/// <summary>Result of <c>ping</c>.</summary>
internal sealed record PongResult(DateTimeOffset ServerTime);
