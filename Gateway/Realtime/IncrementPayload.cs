namespace GameCluster.Gateway.Realtime;

/// <summary>Payload of <c>player.increment</c>.</summary>
/// <param name="Amount">What to add (1 to 1,000,000).</param>
public sealed record IncrementPayload(long? Amount);
