namespace GameCluster.Grains;

/// <summary>Tells a gateway that one of its sessions has something to do.</summary>
/// <param name="PlayerId">The player.</param>
/// <param name="SessionId">The session (on the gateway the notice is for).</param>
/// <param name="Superseded"><see langword="true"/> when another session of the player took over; otherwise new pushes are durable.</param>
[GenerateSerializer]
[Immutable]
public sealed record PushNotice(
    [property: Id(0)] string PlayerId,
    [property: Id(1)] string SessionId,
    [property: Id(2)] bool Superseded);
