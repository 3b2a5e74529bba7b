namespace GameCluster.Grains;

/// <summary>A numbered push as kept in the replay buffer.</summary>
/// <param name="Seq">The per-player sequence number (1, 2, 3, ...).</param>
/// <param name="Event">The event name.</param>
/// <param name="DataJson">The event data as a JSON value.</param>
/// <param name="At">When the push was accepted.</param>
[GenerateSerializer]
[Immutable]
public sealed record PushMessage(
    [property: Id(0)] long Seq,
    [property: Id(1)] string Event,
    [property: Id(2)] string DataJson,
    [property: Id(3)] DateTimeOffset At);
