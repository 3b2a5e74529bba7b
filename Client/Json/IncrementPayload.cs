namespace GameCluster.Client.Json;

/// <summary>Payload of <c>player.increment</c>.</summary>
internal sealed record IncrementPayload(long Amount);
