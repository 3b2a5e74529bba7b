namespace GameCluster.Grains;

/// <summary>A player: identified by the player id, holds the profile and a counter.</summary>
public interface IPlayerGrain : IGrainWithStringKey
{
    /// <summary>The player's profile; a new player has an empty display name and a zero counter.</summary>
    [ReadOnly]
    Task<PlayerProfile> GetProfileAsync();

    /// <summary>Changes the display name (3 to 24 characters, no control characters, trimmed).</summary>
    Task<PlayerProfile> SetDisplayNameAsync(string displayName);

    /// <summary>Adds <paramref name="amount"/> (1 to 1,000,000) to the counter and returns the new value once it is durable.</summary>
    Task<long> IncrementAsync(long amount);
}
