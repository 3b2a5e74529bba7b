namespace GameCluster.Client.Json;

/// <summary>Result of <c>player.increment</c>.</summary>
internal sealed record IncrementResult(long Counter);
