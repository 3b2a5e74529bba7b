namespace GameCluster.Grains;

/// <summary>An event game code pushes to a player.</summary>
/// <param name="Event">The event name (1 to 64 of <c>a-z 0-9 _ .</c>), e.g. <c>profile_changed</c>.</param>
/// <param name="DataJson">The event data as a JSON value; the gateway sends it to the client unchanged.</param>
[GenerateSerializer]
[Immutable]
public sealed record PushEvent(
    [property: Id(0)] string Event,
    [property: Id(1)] string DataJson);
