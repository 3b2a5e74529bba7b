namespace GameCluster.Gateway.Realtime;

/// <summary>Result of <c>player.increment</c>.</summary>
/// <param name="Counter">The counter once the increment is durable.</param>
public sealed record IncrementResult(long Counter);
