namespace GameCluster.Grains;

/// <summary>What a player's profile looks like to callers.</summary>
/// <param name="PlayerId">The player's id (the grain key).</param>
/// <param name="DisplayName">The name shown to other players; empty until set.</param>
/// <param name="Counter">The player's counter.</param>
/// <param name="UpdatedAt">When the profile last changed; <see cref="DateTimeOffset.MinValue"/> for a new player.</param>
[GenerateSerializer]
[Immutable]
public sealed record PlayerProfile(
    [property: Id(0)] string PlayerId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] long Counter,
    [property: Id(3)] DateTimeOffset UpdatedAt);
